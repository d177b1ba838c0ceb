/**
 * Phrase banks of the default-corpus generator: occupations, company
 * descriptions, HR-theme sentences (with look-alike distractors that do not
 * count) and soft-skill wordings with gender forms. Slots in braces are
 * filled by the generator: {co} company, {n} a small number, {s1}/{s2}
 * annual salaries, {m1} monthly salary, {h} hourly rate, {next} next job,
 * {boss} a manager, {edu} a diploma, {town} the town.
 */
import type { Theme } from "../base/mod.ts";

/** An occupation: ROME code, titles, NAF divisions, tasks, soft-skill weights. */
export interface Occupation {
  rome: string;
  titles: string[];
  /** NAF divisions (2 digits) of the employers that post it. */
  naf: string[];
  tasks: string[];
  /** Soft-skill code -> relative weight. */
  skills: Record<string, number>;
  /** Whether the job itself is managing people. */
  manager: boolean;
  /** Annual gross salary range in euros. */
  salary: [number, number];
  /** Relative frequency among offers. */
  weight: number;
  next: string;
}

export const OCCUPATIONS: Occupation[] = [
  {
    rome: "M1805", titles: ["Développeur web", "Développeur full stack", "Développeur logiciel"], naf: ["62", "63", "58"],
    tasks: ["concevoir et développer de nouvelles fonctionnalités", "participer aux revues de code", "écrire des tests automatisés",
      "maintenir les applications existantes", "rédiger la documentation technique", "participer aux cérémonies agiles",
      "optimiser les performances des applications"],
    skills: { "300460": 3, "300465": 3, "300493": 3, "300497": 2, "300490": 2, "300467": 1 }, manager: false,
    salary: [32000, 55000], weight: 5, next: "lead développeur",
  },
  {
    rome: "M1811", titles: ["Data engineer", "Ingénieur data", "Data scientist"], naf: ["62", "63", "70"],
    tasks: ["construire et maintenir des pipelines de données", "modéliser les données métier", "mettre en production des modèles",
      "analyser de grands volumes de données", "concevoir des tableaux de bord", "garantir la qualité des données"],
    skills: { "300493": 3, "300490": 3, "300460": 2, "300465": 2, "300497": 1 }, manager: false,
    salary: [40000, 65000], weight: 3, next: "architecte data",
  },
  {
    rome: "I1401", titles: ["Technicien support informatique", "Technicien helpdesk", "Technicien de proximité"], naf: ["62", "95"],
    tasks: ["traiter les demandes des utilisateurs", "diagnostiquer les pannes matérielles et logicielles", "installer les postes de travail",
      "assurer le suivi des tickets d'incident", "gérer le parc informatique"],
    skills: { "399999": 3, "300473": 3, "300412": 2, "300490": 1, "300478": 1 }, manager: false,
    salary: [24000, 32000], weight: 3, next: "administrateur systèmes",
  },
  {
    rome: "D1211", titles: ["Vendeur en prêt-à-porter", "Conseiller de vente", "Vendeur en magasin"], naf: ["47"],
    tasks: ["accueillir et conseiller la clientèle", "réaliser les encaissements", "participer à la mise en rayon",
      "assurer la tenue du magasin", "atteindre les objectifs de vente", "réceptionner les livraisons"],
    skills: { "399999": 4, "300465": 2, "300473": 2, "300412": 2, "300485": 1 }, manager: false,
    salary: [20000, 24000], weight: 5, next: "responsable adjoint de magasin",
  },
  {
    rome: "D1507", titles: ["Employé de libre-service", "Employé de rayon", "Équipier de magasin"], naf: ["47"],
    tasks: ["mettre en rayon les produits", "contrôler les dates de péremption", "renseigner les clients",
      "assurer le réassort", "participer aux inventaires"],
    skills: { "300473": 3, "300465": 3, "300490": 2, "399999": 2 }, manager: false,
    salary: [19500, 22000], weight: 4, next: "chef de rayon",
  },
  {
    rome: "G1602", titles: ["Cuisinier", "Commis de cuisine", "Chef de partie"], naf: ["56", "55"],
    tasks: ["préparer les plats de la carte", "assurer la mise en place", "respecter les normes d'hygiène HACCP",
      "gérer les stocks et les commandes", "participer à l'élaboration des menus"],
    skills: { "300465": 3, "300478": 2, "300473": 3, "300490": 2, "300497": 1 }, manager: false,
    salary: [21000, 28000], weight: 4, next: "second de cuisine",
  },
  {
    rome: "G1803", titles: ["Serveur", "Chef de rang", "Employé polyvalent de restauration"], naf: ["56"],
    tasks: ["accueillir les clients", "prendre les commandes", "assurer le service en salle", "dresser et débarrasser les tables",
      "encaisser les additions"],
    skills: { "399999": 4, "300465": 2, "300473": 3, "300478": 1 }, manager: false,
    salary: [20000, 23000], weight: 4, next: "maître d'hôtel",
  },
  {
    rome: "J1501", titles: ["Aide-soignant", "Auxiliaire de soins"], naf: ["87", "86"],
    tasks: ["réaliser les soins d'hygiène et de confort", "accompagner les résidents dans les gestes du quotidien",
      "surveiller l'état de santé des patients", "participer aux transmissions", "aider à la prise des repas"],
    skills: { "300412": 4, "300478": 2, "300461": 2, "300465": 2, "300490": 1 }, manager: false,
    salary: [22000, 26000], weight: 4, next: "infirmier",
  },
  {
    rome: "J1506", titles: ["Infirmier", "Infirmier diplômé d'État", "Infirmier de coordination"], naf: ["86", "87"],
    tasks: ["administrer les traitements", "assurer le suivi des patients", "coordonner les soins avec les médecins",
      "tenir à jour le dossier de soins", "encadrer les stagiaires"],
    skills: { "300412": 3, "300461": 3, "300478": 2, "300490": 2, "300473": 1 }, manager: false,
    salary: [28000, 36000], weight: 3, next: "cadre de santé",
  },
  {
    rome: "K1302", titles: ["Aide à domicile", "Auxiliaire de vie sociale"], naf: ["88"],
    tasks: ["aider les personnes âgées dans les actes de la vie quotidienne", "préparer les repas", "entretenir le logement",
      "accompagner les bénéficiaires dans leurs sorties", "veiller au bien-être des personnes"],
    skills: { "300412": 4, "300461": 2, "300460": 3, "300478": 1 }, manager: false,
    salary: [19500, 22000], weight: 3, next: "coordinateur de secteur",
  },
  {
    rome: "N1103", titles: ["Préparateur de commandes", "Magasinier", "Cariste"], naf: ["52", "46"],
    tasks: ["préparer les commandes à l'aide d'un scanner", "charger et décharger les camions", "réaliser les inventaires",
      "conduire un chariot élévateur", "contrôler la conformité des colis"],
    skills: { "300490": 3, "300465": 2, "300473": 3, "300461": 1 }, manager: false,
    salary: [20000, 24000], weight: 4, next: "chef d'équipe logistique",
  },
  {
    rome: "N4101", titles: ["Conducteur poids lourd", "Chauffeur livreur", "Conducteur routier"], naf: ["49"],
    tasks: ["livrer les marchandises chez les clients", "vérifier l'état du véhicule", "respecter la réglementation du transport",
      "charger et sécuriser la marchandise", "remplir les documents de livraison"],
    skills: { "300461": 3, "300460": 3, "300478": 2, "399999": 1 }, manager: false,
    salary: [23000, 30000], weight: 3, next: "exploitant transport",
  },
  {
    rome: "F1703", titles: ["Maçon", "Maçon coffreur", "Ouvrier du bâtiment"], naf: ["43", "41"],
    tasks: ["monter des murs en parpaings", "réaliser les coffrages et le ferraillage", "couler les dalles",
      "lire les plans d'exécution", "respecter les consignes de sécurité du chantier"],
    skills: { "300465": 3, "300490": 2, "300461": 2, "300460": 1 }, manager: false,
    salary: [23000, 30000], weight: 3, next: "chef de chantier",
  },
  {
    rome: "F1602", titles: ["Électricien du bâtiment", "Électricien", "Électricien tertiaire"], naf: ["43"],
    tasks: ["installer les réseaux électriques", "poser les tableaux et les équipements", "réaliser les raccordements",
      "assurer la mise en service", "diagnostiquer les dysfonctionnements"],
    skills: { "300490": 3, "300460": 2, "300461": 2, "300473": 1 }, manager: false,
    salary: [24000, 32000], weight: 3, next: "chef d'équipe électricité",
  },
  {
    rome: "I1304", titles: ["Technicien de maintenance industrielle", "Mécanicien de maintenance"], naf: ["28", "25", "10"],
    tasks: ["assurer la maintenance préventive et curative des équipements", "diagnostiquer les pannes",
      "proposer des améliorations techniques", "renseigner la GMAO", "participer aux arrêts techniques"],
    skills: { "300473": 3, "300490": 2, "300460": 2, "300467": 2 }, manager: false,
    salary: [26000, 36000], weight: 3, next: "responsable maintenance",
  },
  {
    rome: "H3302", titles: ["Opérateur de production", "Agent de fabrication", "Conducteur de ligne"], naf: ["10", "22", "25", "29"],
    tasks: ["alimenter les machines de production", "contrôler la qualité des pièces", "respecter les cadences",
      "effectuer les réglages de premier niveau", "renseigner les documents de suivi"],
    skills: { "300490": 3, "300465": 2, "300473": 2, "300478": 1 }, manager: false,
    salary: [20000, 25000], weight: 4, next: "chef d'équipe de production",
  },
  {
    rome: "M1607", titles: ["Assistant administratif", "Secrétaire", "Assistant de direction"], naf: ["82", "69", "70"],
    tasks: ["gérer l'agenda de la direction", "assurer l'accueil téléphonique", "rédiger les courriers",
      "classer et archiver les documents", "organiser les réunions et les déplacements"],
    skills: { "300483": 3, "300490": 3, "300461": 2, "399999": 1, "300478": 1 }, manager: false,
    salary: [22000, 30000], weight: 4, next: "office manager",
  },
  {
    rome: "M1203", titles: ["Comptable", "Comptable général", "Aide-comptable"], naf: ["69", "70"],
    tasks: ["saisir les écritures comptables", "réaliser les rapprochements bancaires", "préparer les déclarations fiscales",
      "participer aux clôtures mensuelles et annuelles", "suivre la trésorerie"],
    skills: { "300490": 4, "300461": 2, "300483": 2, "300460": 1 }, manager: false,
    salary: [28000, 40000], weight: 3, next: "responsable comptable",
  },
  {
    rome: "C1206", titles: ["Conseiller clientèle bancaire", "Chargé de clientèle particuliers"], naf: ["64", "65"],
    tasks: ["développer un portefeuille de clients", "conseiller les clients sur les produits d'épargne", "instruire les demandes de crédit",
      "assurer le suivi commercial", "prévenir les risques"],
    skills: { "399999": 3, "300412": 2, "300485": 2, "300461": 1 }, manager: false,
    salary: [28000, 38000], weight: 2, next: "conseiller patrimonial",
  },
  {
    rome: "D1402", titles: ["Commercial terrain", "Chargé d'affaires", "Technico-commercial"], naf: ["46", "62", "71"],
    tasks: ["prospecter de nouveaux clients", "développer le chiffre d'affaires du secteur", "négocier les contrats",
      "fidéliser le portefeuille existant", "assurer une veille concurrentielle"],
    skills: { "300485": 3, "300460": 3, "399999": 2, "300467": 2 }, manager: false,
    salary: [30000, 50000], weight: 4, next: "responsable de secteur",
  },
  {
    rome: "M1503", titles: ["Chargé de ressources humaines", "Gestionnaire RH"], naf: ["70", "78"],
    tasks: ["piloter les recrutements", "gérer l'administration du personnel", "préparer les éléments de paie",
      "accompagner les managers", "organiser le plan de développement des compétences"],
    skills: { "300412": 3, "300461": 2, "300483": 2, "300490": 1 }, manager: false,
    salary: [30000, 42000], weight: 2, next: "responsable RH",
  },
  {
    rome: "M1302", titles: ["Directeur d'agence", "Manager de centre de profit", "Directeur des opérations"], naf: ["70", "78", "49"],
    tasks: ["piloter le compte d'exploitation", "définir la stratégie commerciale de l'agence", "recruter et développer les talents",
      "représenter l'entreprise auprès des partenaires", "conduire les projets de transformation"],
    skills: { "300489": 4, "300416": 3, "300461": 2, "300483": 1 }, manager: true,
    salary: [45000, 75000], weight: 2, next: "directeur régional",
  },
  {
    rome: "D1301", titles: ["Responsable de magasin", "Manager de rayon", "Directeur de magasin"], naf: ["47"],
    tasks: ["animer l'équipe de vente", "gérer les plannings", "suivre les indicateurs commerciaux",
      "garantir la bonne tenue du magasin", "gérer les stocks et les commandes"],
    skills: { "300489": 3, "300465": 2, "399999": 2, "300483": 2 }, manager: true,
    salary: [30000, 45000], weight: 3, next: "directeur régional",
  },
  {
    rome: "N1301", titles: ["Responsable logistique", "Chef d'entrepôt"], naf: ["52", "46"],
    tasks: ["organiser les flux de l'entrepôt", "encadrer les équipes de préparation", "optimiser les coûts logistiques",
      "piloter les indicateurs de performance", "garantir la sécurité du site"],
    skills: { "300489": 3, "300483": 3, "300473": 2, "300461": 1 }, manager: true,
    salary: [38000, 55000], weight: 2, next: "directeur supply chain",
  },
  {
    rome: "K2111", titles: ["Formateur", "Formateur pour adultes", "Enseignant"], naf: ["85"],
    tasks: ["concevoir des supports pédagogiques", "animer des sessions de formation", "évaluer les acquis des apprenants",
      "accompagner les stagiaires dans leur projet", "assurer le suivi administratif des formations"],
    skills: { "300416": 3, "300412": 3, "300497": 2, "300479": 1 }, manager: false,
    salary: [26000, 36000], weight: 2, next: "responsable pédagogique",
  },
  {
    rome: "E1103", titles: ["Chargé de communication", "Community manager"], naf: ["73", "70", "90"],
    tasks: ["élaborer le plan de communication", "animer les réseaux sociaux", "rédiger les contenus web",
      "organiser des événements", "suivre les retombées médiatiques"],
    skills: { "300497": 4, "300493": 2, "300483": 2, "300467": 2 }, manager: false,
    salary: [28000, 38000], weight: 2, next: "responsable communication",
  },
  {
    rome: "H1206", titles: ["Ingénieur R&D", "Ingénieur d'études", "Ingénieur recherche et développement"], naf: ["72", "71", "26"],
    tasks: ["concevoir de nouveaux produits", "réaliser des essais et des prototypes", "rédiger les cahiers des charges",
      "assurer une veille technologique", "collaborer avec les équipes industrielles"],
    skills: { "300493": 3, "300497": 3, "300460": 2, "300467": 2, "300485": 1 }, manager: false,
    salary: [40000, 60000], weight: 2, next: "chef de projet R&D",
  },
  {
    rome: "K2204", titles: ["Agent de propreté", "Agent d'entretien"], naf: ["81"],
    tasks: ["nettoyer les bureaux et les parties communes", "vider les corbeilles", "utiliser les autolaveuses",
      "respecter les protocoles d'hygiène", "signaler les anomalies"],
    skills: { "300490": 3, "300460": 3, "300461": 2 }, manager: false,
    salary: [19000, 21000], weight: 3, next: "chef d'équipe propreté",
  },
  {
    rome: "A1414", titles: ["Ouvrier agricole", "Ouvrier viticole", "Saisonnier agricole"], naf: ["01"],
    tasks: ["réaliser les travaux de taille", "participer aux récoltes", "entretenir le matériel agricole",
      "assurer l'irrigation des parcelles", "trier et conditionner les produits"],
    skills: { "300485": 3, "300465": 2, "300460": 2 }, manager: false,
    salary: [19000, 21500], weight: 2, next: "chef de culture",
  },
  {
    rome: "G1703", titles: ["Réceptionniste", "Réceptionniste d'hôtel", "Night auditor"], naf: ["55"],
    tasks: ["accueillir les clients", "gérer les réservations", "assurer les arrivées et les départs", "traiter les réclamations",
      "tenir la caisse"],
    skills: { "399999": 4, "300412": 2, "300479": 2, "300478": 1 }, manager: false,
    salary: [20000, 24000], weight: 2, next: "chef de réception",
  },
  {
    rome: "K1706", titles: ["Agent administratif", "Gestionnaire administratif", "Adjoint administratif territorial"], naf: ["84"],
    tasks: ["instruire les dossiers des usagers", "accueillir le public", "assurer le suivi des courriers",
      "mettre à jour les bases de données", "préparer les actes administratifs"],
    skills: { "300461": 3, "300490": 3, "300483": 2, "399999": 2 }, manager: false,
    salary: [21000, 27000], weight: 3, next: "rédacteur territorial",
  },
  {
    rome: "H1502", titles: ["Responsable qualité", "Chef de projet industriel"], naf: ["25", "29", "20", "21"],
    tasks: ["piloter le système de management de la qualité", "animer les audits internes", "coordonner les projets d'amélioration",
      "encadrer les techniciens qualité", "traiter les non-conformités"],
    skills: { "300490": 3, "300489": 2, "300467": 2, "300483": 2 }, manager: true,
    salary: [40000, 58000], weight: 2, next: "directeur industriel",
  },
];

/** How companies describe themselves, by NAF division prefix. */
export const COMPANY_DOMAINS: Record<string, string[]> = {
  "01": ["une exploitation agricole familiale", "un domaine viticole"],
  "10": ["un industriel de l'agroalimentaire", "une entreprise de transformation alimentaire"],
  "20": ["un groupe de la chimie de spécialité"],
  "21": ["un laboratoire pharmaceutique"],
  "22": ["un fabricant de pièces plastiques"],
  "25": ["un sous-traitant en mécanique de précision", "une PME de la métallurgie"],
  "26": ["un fabricant de composants électroniques"],
  "28": ["un constructeur de machines industrielles"],
  "29": ["un équipementier automobile"],
  "41": ["un promoteur constructeur"],
  "43": ["une entreprise du second œuvre du bâtiment", "une PME du BTP"],
  "46": ["un grossiste en fournitures professionnelles", "un distributeur B2B"],
  "47": ["une enseigne de distribution", "un réseau de magasins de proximité"],
  "49": ["un transporteur routier", "une société de transport et de livraison"],
  "52": ["un prestataire logistique", "une plateforme logistique"],
  "55": ["un hôtel", "un groupe hôtelier"],
  "56": ["un restaurant traditionnel", "une brasserie", "un groupe de restauration collective"],
  "58": ["un éditeur de logiciels"],
  "62": ["une ESN", "une start-up du numérique", "un éditeur SaaS"],
  "63": ["une société de traitement de données"],
  "64": ["une banque de détail", "un établissement bancaire"],
  "65": ["une mutuelle", "une compagnie d'assurance"],
  "69": ["un cabinet d'expertise comptable", "un cabinet juridique"],
  "70": ["un cabinet de conseil", "un groupe de services"],
  "71": ["un bureau d'études techniques"],
  "72": ["un centre de recherche privé"],
  "73": ["une agence de communication"],
  "78": ["une agence d'emploi", "un cabinet de recrutement"],
  "81": ["une entreprise de propreté"],
  "82": ["un centre de services administratifs"],
  "84": ["une collectivité territoriale", "une administration publique"],
  "85": ["un organisme de formation", "un établissement d'enseignement"],
  "86": ["une clinique", "un centre hospitalier"],
  "87": ["un EHPAD", "une résidence médicalisée"],
  "88": ["une association d'aide à domicile"],
  "90": ["une structure culturelle"],
  "95": ["un atelier de réparation informatique"],
};

export const COMPANY_INTROS = [
  "{co} est {domain} implanté à {town}.",
  "Créée en {year}, {co} est {domain} reconnu dans sa région.",
  "{co}, {domain} en pleine croissance, renforce ses équipes.",
  "Implanté à {town}, {co} est {domain} de {size} salariés.",
  "Nous sommes {domain} basé à {town} et nous recrutons.",
  "{co} est {domain} qui accompagne ses clients depuis {year}.",
];

export const JOB_INTROS = [
  "Nous recherchons un {title} pour renforcer notre équipe de {town}.",
  "Dans le cadre de notre développement, nous recrutons un {title}.",
  "Vous rejoignez l'équipe en tant que {title}.",
  "Au sein de notre site de {town}, vous occupez le poste de {title}.",
  "Votre future mission de {title} :",
  "Poste de {title} à pourvoir dès que possible.",
];

export const TASK_HEADS = ["Vos missions :", "Missions principales :", "Vos missions seront les suivantes :", "Au quotidien, vous devrez :"];

export const PROFILE_HEADS = ["Profil recherché :", "Votre profil :", "Le profil :", "Compétences et qualités :", "Ce que nous attendons de vous :"];

export const EDUCATION = ["CAP", "Bac pro", "BTS", "DUT", "Licence professionnelle", "Bac+5", "diplôme d'ingénieur", "DEAU", "Titre professionnel"];

export const EDUCATION_SENTENCES = [
  "Vous êtes titulaire d'un {edu} ou équivalent.",
  "Formation {edu} souhaitée.",
  "Vous justifiez d'une première expérience réussie sur un poste similaire.",
  "Une expérience de {n} ans minimum est demandée.",
  "Débutant accepté si motivé.",
  "Permis B exigé.",
];

/**
 * Sentences that truly express a theme, by theme. The last two of each list
 * say it implicitly, without the usual keywords: a lexicon misses them, so
 * the offline teacher's labels carry realistic noise.
 */
export const THEME_SENTENCES: Record<Theme, string[]> = {
  DIVERSITY: [
    "Tous nos postes sont ouverts aux personnes en situation de handicap.",
    "{co} est une entreprise handi-accueillante.",
    "Nous nous engageons en faveur de la diversité et de l'égalité des chances.",
    "À compétences égales, une attention particulière sera portée aux candidatures RQTH.",
    "Nous luttons contre toute forme de discrimination à l'embauche.",
    "Notre politique de recrutement favorise la mixité et l'égalité femmes-hommes.",
    "Entreprise signataire de la Charte de la diversité.",
    "Nous accueillons les candidatures de tous horizons, seniors et jeunes des quartiers prioritaires compris.",
    "Engagés pour l'inclusion, nous adaptons les postes aux travailleurs handicapés.",
    "Nous recrutons sans considération d'âge, d'origine ou de parcours.",
    "Chaque candidature est étudiée sur les seules compétences, quel que soit le profil.",
  ],
  PAY_BENEFITS: [
    "Rémunération : {s1} à {s2} € brut annuel selon expérience.",
    "Salaire attractif de {s1} € brut par an, plus primes.",
    "Tickets restaurant et mutuelle d'entreprise prise en charge à 70 %.",
    "Avantages : 13e mois, intéressement et participation.",
    "Prime de fin d'année et chèques vacances.",
    "Nous proposons une rémunération fixe de {m1} € brut mensuel, complétée par une part variable.",
    "Vous bénéficiez du CSE et du remboursement à 50 % de votre titre de transport.",
    "Véhicule de service et carte carburant fournis.",
    "Plan d'épargne entreprise avec abondement.",
    "Prime d'ancienneté, primes d'équipe et paniers repas.",
    "Taux horaire : {h} € brut, plus indemnités de fin de mission.",
    "Carte titres-restaurant et mutuelle prise en charge à 100 %.",
    "Un package motivant vous attend, avec des avantages négociés pour les salariés.",
    "Repas du midi pris en charge par l'entreprise.",
  ],
  CAREER: [
    "Un parcours d'intégration et des formations régulières vous attendent.",
    "De réelles perspectives d'évolution vers un poste de {next}.",
    "Nous favorisons la mobilité interne.",
    "Formation assurée à votre arrivée et tout au long de votre parcours.",
    "Possibilité d'évolution rapide au sein du groupe.",
    "Mission en intérim avec CDI à la clé.",
    "Vous bénéficierez d'un programme de mentorat.",
    "Certification prise en charge par l'entreprise.",
    "Notre académie interne accompagne votre montée en compétences.",
    "Un plan de développement des compétences individualisé vous sera proposé.",
    "Vous grandirez avec nous : plusieurs de nos responsables ont commencé à ce poste.",
    "Nous investissons dans vos compétences tout au long de votre carrière.",
  ],
  CULTURE_VALUES: [
    "Rejoindre {co}, c'est intégrer une équipe conviviale et bienveillante.",
    "Nos valeurs : respect, engagement et solidarité.",
    "Entreprise engagée dans une démarche RSE.",
    "Nous sommes certifiés Great Place to Work.",
    "Ambiance familiale et afterworks réguliers.",
    "Notre mission : rendre service à nos clients tout en respectant la planète.",
    "Entreprise à taille humaine où chacun compte.",
    "Nous partageons des valeurs fortes d'entraide et de transparence.",
    "Séminaires d'équipe et événements conviviaux tout au long de l'année.",
    "Entreprise labellisée Engagé RSE par l'AFNOR.",
    "Ici, chacun se connaît par son prénom et les décisions se prennent ensemble.",
    "Nous croyons à un travail qui a du sens pour nos clients et pour la société.",
  ],
  LEADERSHIP_MANAGEMENT: [
    "Vous encadrez une équipe de {n} personnes.",
    "Vous managez et animez une équipe de {n} collaborateurs.",
    "Vous coordonnez l'activité de {n} techniciens.",
    "Notre management est bienveillant et participatif.",
    "Hiérarchie plate et autonomie laissée à chacun par les managers.",
    "Vous assurez le pilotage et l'animation de l'équipe.",
    "Vous êtes responsable du recrutement et de la montée en compétences de votre équipe.",
    "Notre management de proximité repose sur la confiance.",
    "Vous prenez la tête d'une équipe de {n} personnes.",
    "Vous serez le référent de {n} techniciens au quotidien.",
  ],
  WORK_LIFE_BALANCE: [
    "Télétravail possible {n} jours par semaine.",
    "Organisation hybride : {n} jours de télétravail par semaine.",
    "Horaires de journée, pas de travail le week-end.",
    "Semaine de 4 jours possible.",
    "Horaires flexibles avec plages libres le matin et le soir.",
    "{r} jours de RTT par an.",
    "Temps partiel choisi possible.",
    "Nous veillons à l'équilibre entre vie professionnelle et vie personnelle.",
    "Crèche d'entreprise et aménagement des horaires pour les parents.",
    "Full remote possible.",
    "Possibilité de télétravail partiel après la période d'essai.",
    "Du lundi au vendredi, horaires compatibles avec une vie de famille.",
    "Possibilité de travailler depuis votre domicile une partie de la semaine.",
    "Vos horaires s'adaptent à vos contraintes familiales.",
  ],
};

/** Look-alike sentences that do NOT express the theme (codebook's "not enough on its own", negations). */
export const THEME_DISTRACTORS: Record<Theme, string[]> = {
  DIVERSITY: ["Poste ouvert H/F.", "Offre ouverte aux hommes et aux femmes conformément à la loi."],
  PAY_BENEFITS: ["Salaire selon profil.", "Rémunération selon expérience.", "Rémunération à négocier selon profil."],
  CAREER: ["Formation exigée : {edu}.", "Vous participez à l'évolution des outils existants."],
  CULTURE_VALUES: ["{co} compte {size} salariés répartis sur {n} sites.", "Leader de son marché depuis {year}."],
  LEADERSHIP_MANAGEMENT: ["Vous êtes rattaché au {boss}.", "Sous la responsabilité du {boss}, vous intervenez sur l'ensemble du site."],
  WORK_LIFE_BALANCE: [
    "Pas de télétravail possible sur ce poste.",
    "Le télétravail n'est pas envisageable.",
    "Poste à temps plein, 35h hebdomadaires.",
    "Travail en horaires décalés, week-ends inclus.",
    "Présence sur site obligatoire, pas de télétravail.",
  ],
};

export const BOSSES = ["responsable d'agence", "directeur technique", "chef de service", "responsable d'exploitation", "directeur de site"];

/**
 * Soft-skill wordings: adjectives as [masculine, feminine], noun phrases and
 * verb phrases. The span of a planted soft skill is exactly one of these.
 */
export const SOFT_SKILL_WORDINGS: Record<string, { adj: [string, string][]; noun: string[]; verb: string[] }> = {
  "300412": {
    adj: [["à l'écoute", "à l'écoute"], ["empathique", "empathique"], ["bienveillant", "bienveillante"]],
    noun: ["sens de l'écoute", "empathie", "qualités d'écoute"],
    verb: ["être à l'écoute des personnes", "faire preuve d'empathie"],
  },
  "300416": {
    adj: [["inspirant", "inspirante"], ["fédérateur", "fédératrice"]],
    noun: ["capacité à fédérer", "capacité à donner du sens"],
    verb: ["donner du sens à l'action collective", "fédérer autour d'un projet"],
  },
  "300460": {
    adj: [["autonome", "autonome"], ["indépendant", "indépendante"]],
    noun: ["autonomie", "capacité à travailler seul"],
    verb: ["travailler en autonomie", "gérer votre activité en toute autonomie"],
  },
  "300461": {
    adj: [["responsable", "responsable"], ["fiable", "fiable"], ["consciencieux", "consciencieuse"]],
    noun: ["sens des responsabilités", "fiabilité", "conscience professionnelle"],
    verb: ["assumer vos responsabilités", "tenir vos engagements"],
  },
  "300465": {
    adj: [["collaboratif", "collaborative"], ["bon coéquipier", "bonne coéquipière"]],
    noun: ["esprit d'équipe", "goût du travail en équipe", "sens du collectif"],
    verb: ["travailler en équipe", "collaborer avec les autres services"],
  },
  "300467": {
    adj: [["force de proposition", "force de proposition"], ["proactif", "proactive"]],
    noun: ["esprit d'initiative", "capacité de proposition"],
    verb: ["proposer des améliorations", "prendre des initiatives"],
  },
  "300473": {
    adj: [["réactif", "réactive"], ["dynamique", "dynamique"]],
    noun: ["réactivité", "capacité à réagir vite"],
    verb: ["réagir rapidement aux imprévus", "faire preuve de réactivité"],
  },
  "300478": {
    adj: [["calme", "calme"], ["patient", "patiente"], ["posé", "posée"]],
    noun: ["maîtrise de soi", "résistance au stress", "sang-froid", "gestion du stress"],
    verb: ["garder votre calme en toutes circonstances", "gérer le stress"],
  },
  "300479": {
    adj: [["adaptable", "adaptable"], ["flexible", "flexible"], ["polyvalent", "polyvalente"]],
    noun: ["capacité d'adaptation", "adaptabilité", "polyvalence"],
    verb: ["vous adapter aux changements", "vous adapter rapidement à de nouvelles situations"],
  },
  "300483": {
    adj: [["organisé", "organisée"], ["méthodique", "méthodique"]],
    noun: ["sens de l'organisation", "capacité à prioriser", "gestion des priorités"],
    verb: ["organiser votre travail", "gérer les priorités"],
  },
  "300485": {
    adj: [["persévérant", "persévérante"], ["tenace", "tenace"], ["combatif", "combative"]],
    noun: ["persévérance", "ténacité", "goût du challenge"],
    verb: ["aller au bout des choses", "ne rien lâcher face aux difficultés"],
  },
  "300489": {
    adj: [["leader", "leader"], ["charismatique", "charismatique"]],
    noun: ["leadership", "capacité à mobiliser une équipe", "charisme"],
    verb: ["prendre le lead", "mobiliser une équipe autour d'objectifs"],
  },
  "300490": {
    adj: [["rigoureux", "rigoureuse"], ["précis", "précise"], ["méticuleux", "méticuleuse"]],
    noun: ["rigueur", "sens du détail", "précision"],
    verb: ["faire preuve de rigueur", "travailler avec précision"],
  },
  "300493": {
    adj: [["curieux", "curieuse"], ["ouvert d'esprit", "ouverte d'esprit"]],
    noun: ["curiosité", "ouverture d'esprit", "soif d'apprendre"],
    verb: ["vous tenir informé des nouveautés", "apprendre en continu"],
  },
  "300497": {
    adj: [["créatif", "créative"], ["inventif", "inventive"], ["imaginatif", "imaginative"]],
    noun: ["créativité", "esprit créatif", "sens de l'innovation"],
    verb: ["imaginer des solutions nouvelles", "sortir des sentiers battus"],
  },
  "399999": {
    adj: [["souriant", "souriante"], ["serviable", "serviable"], ["aimable", "aimable"]],
    noun: ["sens du service", "sens du client", "aisance relationnelle"],
    verb: ["satisfaire les clients", "accueillir la clientèle avec le sourire"],
  },
};

/** Company-section sentences that mention a soft skill without asking it of the candidate (not a label). */
export const SOFT_SKILL_DECOYS = [
  "Notre équipe est reconnue pour sa créativité.",
  "La rigueur de nos process fait notre réputation.",
  "Depuis sa création, l'entreprise cultive l'esprit d'équipe.",
  "Nos clients apprécient notre réactivité.",
];

export const COMPANY_SYLLABLES = ["Alp", "Ver", "Tech", "Nova", "Soli", "Aqua", "Proxi", "Méga", "Terra", "Lumi", "Clé", "Azur", "Bati", "Logi", "Santé", "Agri", "Info", "Horizon", "Opti", "Vita"];
export const COMPANY_SUFFIXES = ["", " SAS", " Groupe", " Services", " & Co", " France", " Conseil", " Industrie"];

export const CONTRACTS: [string, number][] = [["CDI", 55], ["CDD", 24], ["MIS", 12], ["Apprentissage", 5], ["Stage", 4]];
export const SITES = ["indeed", "pole-emploi", "apec", "hellowork", "welcometothejungle", "monster", "cadremploi", "leboncoin"];
export const TELEWORK_TYPES = ["occasionnel", "partiel", "total"];

/**
 * Neutral sentences that lengthen an offer without carrying any theme or
 * soft skill (the generator's "jocas" length profile): what a company says
 * of its activity, and how the recruitment runs. None matches a cue of the
 * rule teacher (tested).
 */
export const COMPANY_FILLERS = [
  "L'entreprise dispose de plusieurs sites en France et travaille avec des clients de toutes tailles.",
  "Son activité couvre la conception, la fabrication et la livraison de produits pour les professionnels.",
  "Le siège est situé à {town}, à proximité des transports en commun.",
  "Elle s'appuie sur un parc de machines récent et sur des outils numériques modernes.",
  "Ses clients sont des collectivités, des industriels et des commerces de proximité.",
  "Le groupe est présent dans plusieurs pays européens et sur plusieurs marchés.",
  "L'agence traite plusieurs centaines de dossiers chaque mois pour des particuliers et des entreprises.",
  "Nous intervenons principalement dans le département et les départements voisins.",
  "Nos produits sont distribués par un réseau de partenaires et sur notre site internet.",
  "La structure compte {size} salariés répartis entre la production, la logistique et les services administratifs.",
  "Depuis {year}, la société a élargi son catalogue et ouvert de nouveaux points de vente.",
  "Nos ateliers et nos entrepôts sont situés dans la zone d'activité de {town}.",
];

export const PROCESS_FILLERS = [
  "Le processus de recrutement comprend un premier échange téléphonique puis un entretien sur site.",
  "Merci d'envoyer votre candidature avec un CV à jour en précisant la référence de l'offre.",
  "Les candidatures sont étudiées au fil de l'eau.",
  "Le poste est à pourvoir rapidement.",
  "Une période d'essai est prévue conformément à la convention collective.",
  "Les entretiens auront lieu à {town}.",
  "La maîtrise des logiciels de bureautique courants est un plus.",
  "Le permis B est souhaité pour les trajets entre nos sites.",
  "Le lieu de travail est accessible en voiture et en bus.",
  "Vous serez reçu par la personne en charge du recrutement puis par le responsable du service.",
  "Les documents à fournir vous seront précisés lors du premier échange.",
  "La prise de poste est prévue dans les prochaines semaines.",
];
