/**
 * Every string of the public site in its four languages (INTERPOL's official ones), with plural
 * forms chosen by Intl.PluralRules and `{name}` placeholders. Arabic is written right to left.
 *
 *   t('fr', 'searchTitle');                          // 'Rechercher une notice'
 *   tn('ar', 'resultCount', 2);                      // 'نشرتان'
 *   bestLanguage('es-MX,es;q=0.9,en;q=0.5');         // 'es'
 */
import { publicLanguages, type NoticeType, type PublicLanguage, type Sex } from '../notice-model.js';

/** Each language's own name, for the language switcher. */
export const languageNames: Readonly<Record<PublicLanguage, string>> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' };

export function isPublicLanguage(value: string): value is PublicLanguage {
  return (publicLanguages as readonly string[]).includes(value);
}

export function textDirection(lang: PublicLanguage): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** The visitor's best language from an Accept-Language header (by q, then order); English when none fits. */
export function bestLanguage(acceptLanguage: string | undefined): PublicLanguage {
  if (acceptLanguage === undefined) return 'en';
  const ranges = acceptLanguage
    .split(',')
    .slice(0, 30)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.primary).find(isPublicLanguage) ?? 'en';
}

const en = {
  siteTitle: 'Notices and public appeals',
  skipToContent: 'Skip to main content',
  chooseLanguage: 'Choose a language',
  mainNav: 'Main',
  navSearch: 'Search notices',
  navTipStatus: 'Replies to information you sent',
  footerNotice: 'Each notice is published by the agency named on it, and only that agency receives the information you send about it.',
  footerDanger: 'If you recognise a person shown here, do not approach them. If someone is in danger, call the emergency services.',

  searchTitle: 'Search notices',
  searchIntro:
    'Wanted and missing persons, unidentified bodies and appeals published by the agencies that use this service. Every field is optional.',
  filtersLegend: 'Filters',
  fieldType: 'Type of notice',
  anyType: 'All types',
  fieldFamilyName: 'Family name',
  fieldForename: 'Forename',
  fieldNationality: 'Nationality',
  anyCountry: 'Any country',
  fieldSex: 'Sex',
  anySex: 'Any',
  fieldAgeMin: 'Minimum age',
  fieldAgeMax: 'Maximum age',
  fieldWantedBy: 'Wanted by (country)',
  fieldFreeText: 'Free text',
  freeTextHint: 'Words from the name, the description, the charges or the places.',
  fieldPage: 'Page',
  searchButton: 'Search',
  clearFilters: 'Clear the filters',
  resultsHeading: 'Results',
  noResults: 'No notice matches these filters. Try fewer filters or other spellings.',
  pagination: 'Result pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  firstPage: 'First page',
  lastPage: 'Last page',
  pageOf: 'Page {page} of {pages}',
  pageN: 'Page {page}',
  photoOf: 'Photo of {name}',
  photoOfNumbered: 'Photo {n} of {name}',
  noPhoto: 'No photo published',
  wantedBy: 'Wanted by: {countries}',
  invalidFilterTitle: 'Check the search filters',
  invalidField: '“{field}”: {problem}.',
  problemUnknownValue: 'this value is not one we know',
  problemNumberRange: 'must be a whole number from {min} to {max}',
  problemTooLong: 'must be at most {max} characters long',
  problemAgeOrder: 'must not be below “{other}”',
  problemRepeated: 'was given more than once',

  noticeNumber: 'Notice number',
  publishedOn: 'Publication date',
  publishedBy: 'Issuing agency',
  sectionPhotos: 'Photos',
  sectionIdentity: 'Identity',
  sectionDescription: 'Physical description',
  sectionWarrants: 'Arrest warrants',
  sectionDisappearance: 'Disappearance',
  sectionDetails: 'Details',
  fieldOriginalScriptName: 'Name in the original script',
  fieldAliases: 'Also known as',
  fieldBirthDate: 'Date of birth',
  fieldAge: 'Age',
  fieldBirthPlace: 'Place of birth',
  fieldBirthCountry: 'Country of birth',
  fieldNationalities: 'Nationalities',
  fieldLanguages: 'Languages spoken',
  fieldHeight: 'Height',
  fieldWeight: 'Weight',
  fieldEyes: 'Eye colour',
  fieldHair: 'Hair',
  fieldMarks: 'Distinguishing marks',
  unitCm: '{value} cm',
  unitKg: '{value} kg',
  warrantCountry: 'Issuing country',
  warrantCharge: 'Charge',
  chargeOriginal: 'As written by the issuing agency',
  disappearanceDate: 'Date of disappearance',
  disappearancePlace: 'Place',
  disappearanceCountry: 'Country',
  partOfCampaign: 'This notice is part of an appeal:',
  backToSearch: 'Back to the search',
  noticeNotFoundTitle: 'Notice not found',
  noticeNotFound: 'This notice is not published, or no longer is: it may have been withdrawn or have expired.',
  redPresumption:
    'A red notice is a request to locate a person and arrest them provisionally pending extradition. Everyone is presumed innocent until proven guilty.',

  tipHeading: 'Do you have information?',
  tipIntro: 'Tell {agency}, the agency that published this notice: only they will receive your message. You may stay anonymous.',
  tipEmergency: 'If someone is in immediate danger, call the emergency services now. Do not approach the person yourself.',
  tipBodyLabel: 'What do you know?',
  tipBodyHint: 'When and where, what you saw or heard, and how you know. At most {max} characters.',
  tipContactLegend: 'How can the agency reach you? (optional)',
  tipContactHint:
    'Leave these fields empty to stay anonymous. You can still read replies with the reference and the secret you will be given.',
  tipName: 'Your name',
  tipEmail: 'Email',
  tipPhone: 'Phone',
  tipPhotos: 'Photos (optional)',
  tipPhotosHint:
    'At most {count} photos of up to {mb} MB each: JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF. Location and camera details are removed.',
  honeypotLabel: 'Leave this field empty',
  tipSend: 'Send the information',
  tipPrivacy: 'What you send is kept by the agency for its investigation and is never published.',
  tipFormTitle: 'Information about {name}',
  errorSummary: 'There is a problem',
  errBodyRequired: 'Write what you know before sending.',
  errBodyTooLong: 'Your text is too long: at most {max} characters.',
  errEmail: 'Enter an email address such as name@example.org, or leave the field empty.',
  errTooLong: 'This field is too long: at most {max} characters.',
  errPhotoTooLarge: 'A photo is too large: each may be at most {mb} MB.',
  errTooManyPhotos: 'Too many photos: the limit is {count}.',
  errNotImage: 'This file is not a photo we can read. Attach JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF images.',
  errForm: 'The form could not be read. Please try again.',

  receiptTitle: 'Thank you: your information has been sent',
  receiptIntro: 'It is now with {agency}.',
  receiptReference: 'Reference',
  receiptSecret: 'Secret',
  receiptWriteDown:
    'Write down the reference and the secret now, or keep this page somewhere safe. The secret is shown only this once and nobody can recover it: with both, you can read the agency’s replies and add information later.',
  receiptStatusLink: 'Read replies to your information',
  receiptBack: 'Back to the notice',

  statusTitle: 'Replies to your information',
  statusIntro: 'Enter the reference and the secret you were given when you sent your information.',
  statusReference: 'Reference',
  statusSecret: 'Secret',
  statusShow: 'Show the replies',
  statusNotFound: 'We found nothing sent with this reference and secret. Check both and try again.',
  statusAbout: 'Information {reference} about notice {number}, sent on {date}.',
  messagesHeading: 'Messages',
  messageTip: 'Your information',
  messageReply: 'Reply from the agency',
  messageSender: 'You added',
  statusNoReply: 'The agency has not replied yet. It may not reply at all, but it has received your information.',
  followUpHeading: 'Add information',
  followUpLabel: 'What would you like to add?',
  followUpSend: 'Send',
  followUpSent: 'Sent: the agency has received what you added.',

  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address.',
  rateLimitedTitle: 'Too many attempts',
  rateLimitedText: 'Too many requests have come from your connection. Please wait a few minutes and try again.',
  tooLargeTitle: 'Too large to send',
  badRequestTitle: 'The request could not be read',
  serverErrorTitle: 'Something went wrong',
  serverErrorText: 'The page could not be shown because of a problem on our side. Please try again later.',

  campaignDates: 'From {start} to {end}',
  campaignFrom: 'From {start}',
  campaignUntil: 'Until {end}',
  campaignNotices: 'Notices in this appeal',
  campaignNoNotices: 'No notice of this appeal is published at the moment.',
  campaignNotFoundTitle: 'Appeal not found',
  campaignNotFound: 'This appeal is not running, or no longer is.',
  campaignsHeading: 'Current appeals',

  contestHeading: 'Named in this notice?',
  contestText1:
    'If you are the person named in this notice, or act for them, you can ask for it to be corrected or withdrawn. Write to {agency}, the agency that published it, or to the data protection officer of the service that runs this site, and quote the notice number {number}.',
  contestText2:
    'It costs nothing, and you need not come in person: a lawyer or someone you trust can write for you. You will get an acknowledgement within five working days and a reasoned answer within one month (three for a complex request, in which case you are told why). A withdrawn notice disappears from this site at once.',
  contestText3: 'If you disagree with the answer, you can complain to the data protection authority of your country or go to court.',
} as const;

export type MessageKey = keyof typeof en;
type Messages = Readonly<Record<MessageKey, string>>;

const fr: Messages = {
  siteTitle: 'Notices et appels à témoins',
  skipToContent: 'Aller au contenu principal',
  chooseLanguage: 'Choisir une langue',
  mainNav: 'Navigation principale',
  navSearch: 'Rechercher une notice',
  navTipStatus: 'Réponses à des informations envoyées',
  footerNotice: 'Chaque notice est publiée par le service qui y est nommé ; lui seul reçoit les informations que vous envoyez à son sujet.',
  footerDanger:
    'Si vous reconnaissez une personne présentée ici, ne l’approchez pas. Si quelqu’un est en danger, appelez les services d’urgence.',

  searchTitle: 'Rechercher une notice',
  searchIntro:
    'Personnes recherchées ou disparues, corps non identifiés et appels à témoins publiés par les services qui utilisent ce site. Tous les champs sont facultatifs.',
  filtersLegend: 'Filtres',
  fieldType: 'Type de notice',
  anyType: 'Tous les types',
  fieldFamilyName: 'Nom de famille',
  fieldForename: 'Prénom',
  fieldNationality: 'Nationalité',
  anyCountry: 'Tous les pays',
  fieldSex: 'Sexe',
  anySex: 'Indifférent',
  fieldAgeMin: 'Âge minimum',
  fieldAgeMax: 'Âge maximum',
  fieldWantedBy: 'Recherché par (pays)',
  fieldFreeText: 'Texte libre',
  freeTextHint: 'Des mots du nom, de la description, des chefs d’accusation ou des lieux.',
  fieldPage: 'Page',
  searchButton: 'Rechercher',
  clearFilters: 'Effacer les filtres',
  resultsHeading: 'Résultats',
  noResults: 'Aucune notice ne correspond à ces filtres. Essayez avec moins de filtres ou une autre orthographe.',
  pagination: 'Pages de résultats',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  firstPage: 'Première page',
  lastPage: 'Dernière page',
  pageOf: 'Page {page} sur {pages}',
  pageN: 'Page {page}',
  photoOf: 'Photo de {name}',
  photoOfNumbered: 'Photo {n} de {name}',
  noPhoto: 'Aucune photo publiée',
  wantedBy: 'Recherché par : {countries}',
  invalidFilterTitle: 'Vérifiez les filtres de recherche',
  invalidField: '« {field} » : {problem}.',
  problemUnknownValue: 'cette valeur n’est pas reconnue',
  problemNumberRange: 'doit être un nombre entier de {min} à {max}',
  problemTooLong: 'ne doit pas dépasser {max} caractères',
  problemAgeOrder: 'ne doit pas être inférieur à « {other} »',
  problemRepeated: 'a été indiqué plusieurs fois',

  noticeNumber: 'Numéro de notice',
  publishedOn: 'Date de publication',
  publishedBy: 'Service émetteur',
  sectionPhotos: 'Photos',
  sectionIdentity: 'Identité',
  sectionDescription: 'Signalement',
  sectionWarrants: 'Mandats d’arrêt',
  sectionDisappearance: 'Disparition',
  sectionDetails: 'Informations complémentaires',
  fieldOriginalScriptName: 'Nom dans l’écriture d’origine',
  fieldAliases: 'Alias',
  fieldBirthDate: 'Date de naissance',
  fieldAge: 'Âge',
  fieldBirthPlace: 'Lieu de naissance',
  fieldBirthCountry: 'Pays de naissance',
  fieldNationalities: 'Nationalités',
  fieldLanguages: 'Langues parlées',
  fieldHeight: 'Taille',
  fieldWeight: 'Poids',
  fieldEyes: 'Couleur des yeux',
  fieldHair: 'Cheveux',
  fieldMarks: 'Signes particuliers',
  unitCm: '{value} cm',
  unitKg: '{value} kg',
  warrantCountry: 'Pays émetteur',
  warrantCharge: 'Chef d’accusation',
  chargeOriginal: 'Texte d’origine du service émetteur',
  disappearanceDate: 'Date de la disparition',
  disappearancePlace: 'Lieu',
  disappearanceCountry: 'Pays',
  partOfCampaign: 'Cette notice fait partie d’un appel à témoins :',
  backToSearch: 'Retour à la recherche',
  noticeNotFoundTitle: 'Notice introuvable',
  noticeNotFound: 'Cette notice n’est pas publiée, ou ne l’est plus : elle a pu être retirée ou avoir expiré.',
  redPresumption:
    'Une notice rouge demande de localiser une personne et de l’arrêter provisoirement en vue de son extradition. Toute personne est présumée innocente tant que sa culpabilité n’a pas été établie.',

  tipHeading: 'Vous avez des informations ?',
  tipIntro:
    'Transmettez-les à {agency}, le service qui a publié cette notice : lui seul recevra votre message. Vous pouvez rester anonyme.',
  tipEmergency: 'Si quelqu’un est en danger immédiat, appelez tout de suite les services d’urgence. N’approchez pas la personne vous-même.',
  tipBodyLabel: 'Que savez-vous ?',
  tipBodyHint: 'Quand et où, ce que vous avez vu ou entendu, et comment vous le savez. {max} caractères au plus.',
  tipContactLegend: 'Comment le service peut-il vous joindre ? (facultatif)',
  tipContactHint:
    'Laissez ces champs vides pour rester anonyme. Vous pourrez quand même lire les réponses grâce à la référence et au code secret qui vous seront donnés.',
  tipName: 'Votre nom',
  tipEmail: 'Adresse e-mail',
  tipPhone: 'Téléphone',
  tipPhotos: 'Photos (facultatif)',
  tipPhotosHint:
    '{count} photos au plus, de {mb} Mo chacune au maximum : JPEG, PNG, WebP, GIF, TIFF, HEIC ou AVIF. Les données de localisation et d’appareil photo sont supprimées.',
  honeypotLabel: 'Laissez ce champ vide',
  tipSend: 'Envoyer les informations',
  tipPrivacy: 'Ce que vous envoyez est conservé par le service pour son enquête et n’est jamais publié.',
  tipFormTitle: 'Informations sur {name}',
  errorSummary: 'Il y a un problème',
  errBodyRequired: 'Écrivez ce que vous savez avant d’envoyer.',
  errBodyTooLong: 'Votre texte est trop long : {max} caractères au plus.',
  errEmail: 'Saisissez une adresse e-mail comme nom@exemple.fr, ou laissez le champ vide.',
  errTooLong: 'Ce champ est trop long : {max} caractères au plus.',
  errPhotoTooLarge: 'Une photo est trop lourde : {mb} Mo au plus par photo.',
  errTooManyPhotos: 'Trop de photos : la limite est de {count}.',
  errNotImage: 'Ce fichier n’est pas une photo lisible. Joignez des images JPEG, PNG, WebP, GIF, TIFF, HEIC ou AVIF.',
  errForm: 'Le formulaire n’a pas pu être lu. Veuillez réessayer.',

  receiptTitle: 'Merci : vos informations ont été envoyées',
  receiptIntro: 'Elles sont maintenant entre les mains de {agency}.',
  receiptReference: 'Référence',
  receiptSecret: 'Code secret',
  receiptWriteDown:
    'Notez dès maintenant la référence et le code secret, ou conservez cette page en lieu sûr. Le code secret ne s’affiche qu’une fois et personne ne peut le retrouver : avec les deux, vous pourrez lire les réponses du service et ajouter des informations.',
  receiptStatusLink: 'Lire les réponses à vos informations',
  receiptBack: 'Retour à la notice',

  statusTitle: 'Réponses à vos informations',
  statusIntro: 'Saisissez la référence et le code secret reçus lors de l’envoi de vos informations.',
  statusReference: 'Référence',
  statusSecret: 'Code secret',
  statusShow: 'Afficher les réponses',
  statusNotFound: 'Rien n’a été envoyé avec cette référence et ce code secret. Vérifiez-les et réessayez.',
  statusAbout: 'Informations {reference} concernant la notice {number}, envoyées le {date}.',
  messagesHeading: 'Messages',
  messageTip: 'Vos informations',
  messageReply: 'Réponse du service',
  messageSender: 'Votre ajout',
  statusNoReply: 'Le service n’a pas encore répondu. Il ne répondra peut-être pas, mais il a bien reçu vos informations.',
  followUpHeading: 'Ajouter des informations',
  followUpLabel: 'Que souhaitez-vous ajouter ?',
  followUpSend: 'Envoyer',
  followUpSent: 'Envoyé : le service a reçu votre ajout.',

  notFoundTitle: 'Page introuvable',
  notFoundText: 'Il n’y a pas de page à cette adresse.',
  rateLimitedTitle: 'Trop de tentatives',
  rateLimitedText: 'Trop de requêtes sont venues de votre connexion. Patientez quelques minutes, puis réessayez.',
  tooLargeTitle: 'Envoi trop volumineux',
  badRequestTitle: 'La demande n’a pas pu être lue',
  serverErrorTitle: 'Une erreur s’est produite',
  serverErrorText: 'La page n’a pas pu être affichée à cause d’un problème de notre côté. Veuillez réessayer plus tard.',

  campaignDates: 'Du {start} au {end}',
  campaignFrom: 'À partir du {start}',
  campaignUntil: 'Jusqu’au {end}',
  campaignNotices: 'Notices de cet appel',
  campaignNoNotices: 'Aucune notice de cet appel n’est publiée pour le moment.',
  campaignNotFoundTitle: 'Appel introuvable',
  campaignNotFound: 'Cet appel à témoins n’est pas en cours, ou ne l’est plus.',
  campaignsHeading: 'Appels en cours',

  contestHeading: 'Vous êtes nommé dans cette notice ?',
  contestText1:
    'Si vous êtes la personne visée par cette notice, ou si vous agissez pour elle, vous pouvez en demander la rectification ou le retrait. Écrivez à {agency}, le service qui l’a publiée, ou au délégué à la protection des données du service qui gère ce site, en indiquant le numéro de notice {number}.',
  contestText2:
    'C’est gratuit, et vous n’avez pas à vous déplacer : un avocat ou une personne de confiance peut écrire pour vous. Vous recevrez un accusé de réception sous cinq jours ouvrés et une réponse motivée sous un mois (trois pour une demande complexe, auquel cas on vous dira pourquoi). Une notice retirée disparaît aussitôt de ce site.',
  contestText3:
    'Si vous n’êtes pas d’accord avec la réponse, vous pouvez saisir l’autorité de protection des données de votre pays ou la justice.',
};

const es: Messages = {
  siteTitle: 'Notificaciones y llamamientos públicos',
  skipToContent: 'Saltar al contenido principal',
  chooseLanguage: 'Elegir idioma',
  mainNav: 'Navegación principal',
  navSearch: 'Buscar notificaciones',
  navTipStatus: 'Respuestas a la información enviada',
  footerNotice:
    'Cada notificación la publica el organismo que figura en ella, y solo él recibe la información que usted envíe al respecto.',
  footerDanger:
    'Si reconoce a una persona que aparece aquí, no se le acerque. Si alguien corre peligro, llame a los servicios de emergencia.',

  searchTitle: 'Buscar notificaciones',
  searchIntro:
    'Personas buscadas y desaparecidas, cadáveres sin identificar y llamamientos publicados por los organismos que utilizan este servicio. Todos los campos son opcionales.',
  filtersLegend: 'Filtros',
  fieldType: 'Tipo de notificación',
  anyType: 'Todos los tipos',
  fieldFamilyName: 'Apellidos',
  fieldForename: 'Nombre',
  fieldNationality: 'Nacionalidad',
  anyCountry: 'Cualquier país',
  fieldSex: 'Sexo',
  anySex: 'Cualquiera',
  fieldAgeMin: 'Edad mínima',
  fieldAgeMax: 'Edad máxima',
  fieldWantedBy: 'Buscado por (país)',
  fieldFreeText: 'Texto libre',
  freeTextHint: 'Palabras del nombre, la descripción, los cargos o los lugares.',
  fieldPage: 'Página',
  searchButton: 'Buscar',
  clearFilters: 'Borrar los filtros',
  resultsHeading: 'Resultados',
  noResults: 'Ninguna notificación coincide con estos filtros. Pruebe con menos filtros o con otra grafía.',
  pagination: 'Páginas de resultados',
  previousPage: 'Página anterior',
  nextPage: 'Página siguiente',
  firstPage: 'Primera página',
  lastPage: 'Última página',
  pageOf: 'Página {page} de {pages}',
  pageN: 'Página {page}',
  photoOf: 'Foto de {name}',
  photoOfNumbered: 'Foto {n} de {name}',
  noPhoto: 'Sin foto publicada',
  wantedBy: 'Buscado por: {countries}',
  invalidFilterTitle: 'Revise los filtros de búsqueda',
  invalidField: '«{field}»: {problem}.',
  problemUnknownValue: 'este valor no es válido',
  problemNumberRange: 'debe ser un número entero entre {min} y {max}',
  problemTooLong: 'no puede superar los {max} caracteres',
  problemAgeOrder: 'no puede ser inferior a «{other}»',
  problemRepeated: 'se indicó más de una vez',

  noticeNumber: 'Número de notificación',
  publishedOn: 'Fecha de publicación',
  publishedBy: 'Organismo emisor',
  sectionPhotos: 'Fotos',
  sectionIdentity: 'Identidad',
  sectionDescription: 'Descripción física',
  sectionWarrants: 'Órdenes de detención',
  sectionDisappearance: 'Desaparición',
  sectionDetails: 'Más información',
  fieldOriginalScriptName: 'Nombre en su escritura original',
  fieldAliases: 'Otros nombres',
  fieldBirthDate: 'Fecha de nacimiento',
  fieldAge: 'Edad',
  fieldBirthPlace: 'Lugar de nacimiento',
  fieldBirthCountry: 'País de nacimiento',
  fieldNationalities: 'Nacionalidades',
  fieldLanguages: 'Idiomas que habla',
  fieldHeight: 'Estatura',
  fieldWeight: 'Peso',
  fieldEyes: 'Color de ojos',
  fieldHair: 'Cabello',
  fieldMarks: 'Señas particulares',
  unitCm: '{value} cm',
  unitKg: '{value} kg',
  warrantCountry: 'País emisor',
  warrantCharge: 'Cargo',
  chargeOriginal: 'Texto original del organismo emisor',
  disappearanceDate: 'Fecha de la desaparición',
  disappearancePlace: 'Lugar',
  disappearanceCountry: 'País',
  partOfCampaign: 'Esta notificación forma parte de un llamamiento:',
  backToSearch: 'Volver a la búsqueda',
  noticeNotFoundTitle: 'Notificación no encontrada',
  noticeNotFound: 'Esta notificación no está publicada, o ya no lo está: puede haber sido retirada o haber caducado.',
  redPresumption:
    'Una notificación roja es una solicitud para localizar a una persona y detenerla provisionalmente con miras a su extradición. Toda persona se presume inocente mientras no se demuestre su culpabilidad.',

  tipHeading: '¿Tiene información?',
  tipIntro:
    'Comuníquesela a {agency}, el organismo que publicó esta notificación: solo él recibirá su mensaje. Puede permanecer en el anonimato.',
  tipEmergency: 'Si alguien corre un peligro inmediato, llame ahora a los servicios de emergencia. No se acerque usted a la persona.',
  tipBodyLabel: '¿Qué sabe?',
  tipBodyHint: 'Cuándo y dónde, qué vio u oyó y cómo lo sabe. Como máximo {max} caracteres.',
  tipContactLegend: '¿Cómo puede contactarle el organismo? (opcional)',
  tipContactHint:
    'Deje estos campos vacíos para permanecer en el anonimato. Aun así podrá leer las respuestas con la referencia y la clave secreta que recibirá.',
  tipName: 'Su nombre',
  tipEmail: 'Correo electrónico',
  tipPhone: 'Teléfono',
  tipPhotos: 'Fotos (opcional)',
  tipPhotosHint:
    'Como máximo {count} fotos de hasta {mb} MB cada una: JPEG, PNG, WebP, GIF, TIFF, HEIC o AVIF. Se eliminan los datos de ubicación y de la cámara.',
  honeypotLabel: 'Deje este campo vacío',
  tipSend: 'Enviar la información',
  tipPrivacy: 'El organismo conserva lo que usted envía para su investigación y nunca lo publica.',
  tipFormTitle: 'Información sobre {name}',
  errorSummary: 'Hay un problema',
  errBodyRequired: 'Escriba lo que sabe antes de enviar.',
  errBodyTooLong: 'Su texto es demasiado largo: como máximo {max} caracteres.',
  errEmail: 'Escriba un correo electrónico como nombre@ejemplo.es, o deje el campo vacío.',
  errTooLong: 'Este campo es demasiado largo: como máximo {max} caracteres.',
  errPhotoTooLarge: 'Una foto es demasiado grande: cada una puede ocupar como máximo {mb} MB.',
  errTooManyPhotos: 'Demasiadas fotos: el límite es {count}.',
  errNotImage: 'Este archivo no es una foto legible. Adjunte imágenes JPEG, PNG, WebP, GIF, TIFF, HEIC o AVIF.',
  errForm: 'No se pudo leer el formulario. Inténtelo de nuevo.',

  receiptTitle: 'Gracias: su información se ha enviado',
  receiptIntro: 'Ya la tiene {agency}.',
  receiptReference: 'Referencia',
  receiptSecret: 'Clave secreta',
  receiptWriteDown:
    'Anote ahora la referencia y la clave secreta, o guarde esta página en un lugar seguro. La clave solo se muestra esta vez y nadie puede recuperarla: con ambas podrá leer las respuestas del organismo y añadir información más adelante.',
  receiptStatusLink: 'Leer las respuestas a su información',
  receiptBack: 'Volver a la notificación',

  statusTitle: 'Respuestas a su información',
  statusIntro: 'Escriba la referencia y la clave secreta que recibió al enviar su información.',
  statusReference: 'Referencia',
  statusSecret: 'Clave secreta',
  statusShow: 'Ver las respuestas',
  statusNotFound: 'No encontramos nada enviado con esta referencia y esta clave. Compruebe ambas e inténtelo de nuevo.',
  statusAbout: 'Información {reference} sobre la notificación {number}, enviada el {date}.',
  messagesHeading: 'Mensajes',
  messageTip: 'Su información',
  messageReply: 'Respuesta del organismo',
  messageSender: 'Usted añadió',
  statusNoReply: 'El organismo aún no ha respondido. Puede que no responda, pero ha recibido su información.',
  followUpHeading: 'Añadir información',
  followUpLabel: '¿Qué desea añadir?',
  followUpSend: 'Enviar',
  followUpSent: 'Enviado: el organismo ha recibido lo que usted añadió.',

  notFoundTitle: 'Página no encontrada',
  notFoundText: 'No hay ninguna página en esta dirección.',
  rateLimitedTitle: 'Demasiados intentos',
  rateLimitedText: 'Han llegado demasiadas solicitudes desde su conexión. Espere unos minutos y vuelva a intentarlo.',
  tooLargeTitle: 'Envío demasiado grande',
  badRequestTitle: 'No se pudo leer la solicitud',
  serverErrorTitle: 'Se ha producido un error',
  serverErrorText: 'No se pudo mostrar la página por un problema de nuestra parte. Inténtelo de nuevo más tarde.',

  campaignDates: 'Del {start} al {end}',
  campaignFrom: 'Desde el {start}',
  campaignUntil: 'Hasta el {end}',
  campaignNotices: 'Notificaciones de este llamamiento',
  campaignNoNotices: 'Por ahora no hay ninguna notificación publicada en este llamamiento.',
  campaignNotFoundTitle: 'Llamamiento no encontrado',
  campaignNotFound: 'Este llamamiento no está en curso, o ya no lo está.',
  campaignsHeading: 'Llamamientos en curso',

  contestHeading: '¿Aparece usted en esta notificación?',
  contestText1:
    'Si usted es la persona a la que se refiere esta notificación, o actúa en su nombre, puede pedir que se corrija o se retire. Escriba a {agency}, el organismo que la publicó, o al delegado de protección de datos del servicio que gestiona este sitio, indicando el número de notificación {number}.',
  contestText2:
    'Es gratuito y no tiene que acudir en persona: un abogado o alguien de su confianza puede escribir por usted. Recibirá un acuse de recibo en un plazo de cinco días hábiles y una respuesta motivada en un mes (tres si la solicitud es compleja, en cuyo caso se le explicará por qué). Una notificación retirada desaparece de inmediato de este sitio.',
  contestText3:
    'Si no está de acuerdo con la respuesta, puede presentar una reclamación ante la autoridad de protección de datos de su país o acudir a los tribunales.',
};

const ar: Messages = {
  siteTitle: 'النشرات ونداءات الجمهور',
  skipToContent: 'انتقل إلى المحتوى الرئيسي',
  chooseLanguage: 'اختر اللغة',
  mainNav: 'التنقل الرئيسي',
  navSearch: 'البحث في النشرات',
  navTipStatus: 'الردود على معلومات أرسلتها',
  footerNotice: 'تنشر كلَّ نشرة الجهةُ المذكورة فيها، وهي وحدها تتلقى ما ترسله من معلومات بشأنها.',
  footerDanger: 'إذا تعرّفت على شخص معروض هنا فلا تقترب منه. وإذا كان أحد في خطر فاتصل بخدمات الطوارئ.',

  searchTitle: 'البحث في النشرات',
  searchIntro: 'أشخاص مطلوبون ومفقودون، وجثث مجهولة الهوية، ونداءات تنشرها الجهات التي تستخدم هذه الخدمة. جميع الحقول اختيارية.',
  filtersLegend: 'عوامل التصفية',
  fieldType: 'نوع النشرة',
  anyType: 'جميع الأنواع',
  fieldFamilyName: 'اسم العائلة',
  fieldForename: 'الاسم الأول',
  fieldNationality: 'الجنسية',
  anyCountry: 'أي بلد',
  fieldSex: 'الجنس',
  anySex: 'الكل',
  fieldAgeMin: 'الحد الأدنى للعمر',
  fieldAgeMax: 'الحد الأقصى للعمر',
  fieldWantedBy: 'مطلوب من قِبل (البلد)',
  fieldFreeText: 'نص حر',
  freeTextHint: 'كلمات من الاسم أو الوصف أو التهم أو الأماكن.',
  fieldPage: 'الصفحة',
  searchButton: 'بحث',
  clearFilters: 'مسح عوامل التصفية',
  resultsHeading: 'النتائج',
  noResults: 'لا توجد نشرة تطابق عوامل التصفية هذه. جرّب عددًا أقل منها أو تهجئة أخرى.',
  pagination: 'صفحات النتائج',
  previousPage: 'الصفحة السابقة',
  nextPage: 'الصفحة التالية',
  firstPage: 'الصفحة الأولى',
  lastPage: 'الصفحة الأخيرة',
  pageOf: 'الصفحة {page} من {pages}',
  pageN: 'الصفحة {page}',
  photoOf: 'صورة {name}',
  photoOfNumbered: 'صورة {name} رقم {n}',
  noPhoto: 'لا توجد صورة منشورة',
  wantedBy: 'مطلوب من قِبل: {countries}',
  invalidFilterTitle: 'تحقّق من عوامل تصفية البحث',
  invalidField: '«{field}»: {problem}.',
  problemUnknownValue: 'هذه القيمة غير معروفة',
  problemNumberRange: 'يجب أن يكون عددًا صحيحًا من {min} إلى {max}',
  problemTooLong: 'يجب ألا يتجاوز عدد الأحرف {max}',
  problemAgeOrder: 'يجب ألا يقل عن «{other}»',
  problemRepeated: 'ورد أكثر من مرة',

  noticeNumber: 'رقم النشرة',
  publishedOn: 'تاريخ النشر',
  publishedBy: 'الجهة المُصدِرة',
  sectionPhotos: 'الصور',
  sectionIdentity: 'الهوية',
  sectionDescription: 'الأوصاف الجسدية',
  sectionWarrants: 'أوامر القبض',
  sectionDisappearance: 'الاختفاء',
  sectionDetails: 'تفاصيل',
  fieldOriginalScriptName: 'الاسم بالكتابة الأصلية',
  fieldAliases: 'أسماء أخرى',
  fieldBirthDate: 'تاريخ الميلاد',
  fieldAge: 'العمر',
  fieldBirthPlace: 'مكان الميلاد',
  fieldBirthCountry: 'بلد الميلاد',
  fieldNationalities: 'الجنسيات',
  fieldLanguages: 'اللغات التي يتحدثها',
  fieldHeight: 'الطول',
  fieldWeight: 'الوزن',
  fieldEyes: 'لون العينين',
  fieldHair: 'الشعر',
  fieldMarks: 'العلامات المميزة',
  unitCm: '{value} سم',
  unitKg: '{value} كغ',
  warrantCountry: 'البلد المُصدِر',
  warrantCharge: 'التهمة',
  chargeOriginal: 'النص الأصلي للجهة المُصدِرة',
  disappearanceDate: 'تاريخ الاختفاء',
  disappearancePlace: 'المكان',
  disappearanceCountry: 'البلد',
  partOfCampaign: 'هذه النشرة جزء من نداء:',
  backToSearch: 'العودة إلى البحث',
  noticeNotFoundTitle: 'النشرة غير موجودة',
  noticeNotFound: 'هذه النشرة غير منشورة أو لم تعد منشورة، فربما سُحبت أو انتهت صلاحيتها.',
  redPresumption: 'النشرة الحمراء طلبٌ لتحديد مكان شخص وتوقيفه مؤقتًا تمهيدًا لتسليمه. وكل شخص بريء حتى تثبت إدانته.',

  tipHeading: 'هل لديك معلومات؟',
  tipIntro: 'أبلغ بها {agency}، الجهة التي نشرت هذه النشرة، وهي وحدها ستتلقى رسالتك. ويمكنك عدم الكشف عن هويتك.',
  tipEmergency: 'إذا كان أحد في خطر داهم فاتصل بخدمات الطوارئ فورًا، ولا تقترب من الشخص بنفسك.',
  tipBodyLabel: 'ماذا تعرف؟',
  tipBodyHint: 'متى وأين، وما الذي رأيته أو سمعته، وكيف عرفت ذلك. الحد الأقصى لعدد الأحرف: {max}.',
  tipContactLegend: 'كيف يمكن للجهة التواصل معك؟ (اختياري)',
  tipContactHint:
    'اترك هذه الحقول فارغة إذا أردت عدم الكشف عن هويتك، وستتمكن مع ذلك من قراءة الردود باستخدام الرقم المرجعي والرمز السري اللذين ستحصل عليهما.',
  tipName: 'اسمك',
  tipEmail: 'البريد الإلكتروني',
  tipPhone: 'الهاتف',
  tipPhotos: 'صور (اختياري)',
  tipPhotosHint:
    'الحد الأقصى لعدد الصور: {count}، ولا يتجاوز حجم كل صورة {mb} ميغابايت، بصيغة JPEG أو PNG أو WebP أو GIF أو TIFF أو HEIC أو AVIF. تُحذف بيانات الموقع والكاميرا.',
  honeypotLabel: 'اترك هذا الحقل فارغًا',
  tipSend: 'إرسال المعلومات',
  tipPrivacy: 'تحتفظ الجهة بما ترسله لأغراض التحقيق، ولا تنشره أبدًا.',
  tipFormTitle: 'معلومات عن {name}',
  errorSummary: 'هناك مشكلة',
  errBodyRequired: 'اكتب ما تعرفه قبل الإرسال.',
  errBodyTooLong: 'النص طويل جدًا: الحد الأقصى لعدد الأحرف {max}.',
  errEmail: 'أدخل عنوان بريد إلكتروني مثل name@example.org، أو اترك الحقل فارغًا.',
  errTooLong: 'هذا الحقل طويل جدًا: الحد الأقصى لعدد الأحرف {max}.',
  errPhotoTooLarge: 'إحدى الصور كبيرة جدًا: يجب ألا يتجاوز حجم كل صورة {mb} ميغابايت.',
  errTooManyPhotos: 'عدد الصور كبير جدًا: الحد الأقصى {count}.',
  errNotImage: 'هذا الملف ليس صورة يمكن قراءتها. أرفق صورًا بصيغة JPEG أو PNG أو WebP أو GIF أو TIFF أو HEIC أو AVIF.',
  errForm: 'تعذّرت قراءة النموذج. يرجى المحاولة مرة أخرى.',

  receiptTitle: 'شكرًا لك: أُرسلت معلوماتك',
  receiptIntro: 'أصبحت معلوماتك الآن لدى {agency}.',
  receiptReference: 'الرقم المرجعي',
  receiptSecret: 'الرمز السري',
  receiptWriteDown:
    'دوِّن الرقم المرجعي والرمز السري الآن، أو احفظ هذه الصفحة في مكان آمن. لا يُعرض الرمز السري إلا هذه المرة ولا يمكن لأحد استرجاعه، وبهما معًا يمكنك قراءة ردود الجهة وإضافة معلومات لاحقًا.',
  receiptStatusLink: 'قراءة الردود على معلوماتك',
  receiptBack: 'العودة إلى النشرة',

  statusTitle: 'الردود على معلوماتك',
  statusIntro: 'أدخل الرقم المرجعي والرمز السري اللذين حصلت عليهما عند إرسال معلوماتك.',
  statusReference: 'الرقم المرجعي',
  statusSecret: 'الرمز السري',
  statusShow: 'عرض الردود',
  statusNotFound: 'لم نجد شيئًا مرسلًا بهذا الرقم المرجعي وهذا الرمز السري. تحقّق منهما وحاول مرة أخرى.',
  statusAbout: 'المعلومات {reference} بشأن النشرة {number}، المرسلة في {date}.',
  messagesHeading: 'الرسائل',
  messageTip: 'معلوماتك',
  messageReply: 'رد الجهة',
  messageSender: 'ما أضفته',
  statusNoReply: 'لم ترد الجهة بعد، وقد لا ترد، لكنها تلقت معلوماتك.',
  followUpHeading: 'إضافة معلومات',
  followUpLabel: 'ماذا تريد أن تضيف؟',
  followUpSend: 'إرسال',
  followUpSent: 'أُرسلت: تلقت الجهة ما أضفته.',

  notFoundTitle: 'الصفحة غير موجودة',
  notFoundText: 'لا توجد صفحة بهذا العنوان.',
  rateLimitedTitle: 'محاولات كثيرة جدًا',
  rateLimitedText: 'وصل عدد كبير جدًا من الطلبات من اتصالك. يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.',
  tooLargeTitle: 'الإرسال كبير جدًا',
  badRequestTitle: 'تعذّرت قراءة الطلب',
  serverErrorTitle: 'حدث خطأ',
  serverErrorText: 'تعذّر عرض الصفحة بسبب مشكلة من جهتنا. يرجى المحاولة لاحقًا.',

  campaignDates: 'من {start} إلى {end}',
  campaignFrom: 'ابتداءً من {start}',
  campaignUntil: 'حتى {end}',
  campaignNotices: 'النشرات الواردة في هذا النداء',
  campaignNoNotices: 'لا توجد حاليًا نشرة منشورة في هذا النداء.',
  campaignNotFoundTitle: 'النداء غير موجود',
  campaignNotFound: 'هذا النداء غير قائم حاليًا أو انتهى.',
  campaignsHeading: 'النداءات الجارية',

  contestHeading: 'هل ورد اسمك في هذه النشرة؟',
  contestText1:
    'إذا كنت الشخص المعني بهذه النشرة أو تتصرف نيابةً عنه، فيمكنك أن تطلب تصحيحها أو سحبها. اكتب إلى {agency}، الجهة التي نشرتها، أو إلى مسؤول حماية البيانات في الجهة التي تدير هذا الموقع، مع ذكر رقم النشرة {number}.',
  contestText2:
    'الطلب مجاني، ولا يلزمك الحضور شخصيًا، إذ يمكن لمحامٍ أو لشخص تثق به أن يكتب نيابةً عنك. ستتلقى إشعارًا بالاستلام خلال خمسة أيام عمل وردًا مُعلَّلًا خلال شهر واحد (أو ثلاثة أشهر للطلبات المعقدة، مع إبلاغك بالسبب). وتختفي النشرة المسحوبة من هذا الموقع فورًا.',
  contestText3: 'إذا لم توافق على الرد، فيمكنك تقديم شكوى إلى سلطة حماية البيانات في بلدك أو اللجوء إلى القضاء.',
};

/** French puts a no-break space before ? ! : ; and inside « »; written here with plain spaces. */
function frenchSpacing(messages: Messages): Messages {
  const fixed = Object.entries(messages).map(([key, value]) => [key, value.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0')]);
  return Object.fromEntries(fixed) as Messages;
}

export const messages: Readonly<Record<PublicLanguage, Messages>> = { en, fr: frenchSpacing(fr), es, ar };

/** Plural messages, one form per CLDR plural category the language uses (`other` always). */
export type PluralMessage = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;
export type PluralKey = 'resultCount' | 'ageYears';

export const pluralMessages: Readonly<Record<PublicLanguage, Readonly<Record<PluralKey, PluralMessage>>>> = {
  en: {
    resultCount: { one: '{count} notice found', other: '{count} notices found' },
    ageYears: { one: '{count} year old', other: '{count} years old' },
  },
  fr: {
    resultCount: { one: '{count} notice trouvée', many: '{count} de notices trouvées', other: '{count} notices trouvées' },
    ageYears: { one: '{count} an', many: '{count} d’ans', other: '{count} ans' },
  },
  es: {
    resultCount: {
      one: '{count} notificación encontrada',
      many: '{count} de notificaciones encontradas',
      other: '{count} notificaciones encontradas',
    },
    ageYears: { one: '{count} año', many: '{count} de años', other: '{count} años' },
  },
  ar: {
    resultCount: {
      zero: 'لا توجد نشرات',
      one: 'نشرة واحدة',
      two: 'نشرتان',
      few: '{count} نشرات',
      many: '{count} نشرة',
      other: '{count} نشرة',
    },
    ageYears: { zero: 'أقل من سنة', one: 'سنة واحدة', two: 'سنتان', few: '{count} سنوات', many: '{count} سنة', other: '{count} سنة' },
  },
};

/** The name and one-line meaning of each notice type. */
export const noticeTypeTexts: Readonly<Record<PublicLanguage, Readonly<Record<NoticeType, { name: string; meaning: string }>>>> = {
  en: {
    red: { name: 'Red notice', meaning: 'Wanted for prosecution or to serve a sentence' },
    yellow: { name: 'Yellow notice', meaning: 'Missing person' },
    blue: { name: 'Blue notice', meaning: 'More information wanted about a person' },
    black: { name: 'Black notice', meaning: 'Unidentified body' },
    green: { name: 'Green notice', meaning: 'Warning about a person’s criminal activities' },
    orange: { name: 'Orange notice', meaning: 'Warning of a serious and imminent threat' },
    purple: { name: 'Purple notice', meaning: 'Methods, objects, devices or hiding places used by criminals' },
    object: { name: 'Object appeal', meaning: 'Do you recognise this object or place?' },
  },
  fr: {
    red: { name: 'Notice rouge', meaning: 'Personne recherchée en vue de poursuites ou de l’exécution d’une peine' },
    yellow: { name: 'Notice jaune', meaning: 'Personne disparue' },
    blue: { name: 'Notice bleue', meaning: 'Demande de renseignements complémentaires sur une personne' },
    black: { name: 'Notice noire', meaning: 'Corps non identifié' },
    green: { name: 'Notice verte', meaning: 'Mise en garde contre les activités criminelles d’une personne' },
    orange: { name: 'Notice orange', meaning: 'Avertissement d’une menace grave et imminente' },
    purple: { name: 'Notice mauve', meaning: 'Modes opératoires, objets, dispositifs ou caches utilisés par des criminels' },
    object: { name: 'Appel à témoins (objet)', meaning: 'Reconnaissez-vous cet objet ou ce lieu\u00a0?' },
  },
  es: {
    red: { name: 'Notificación roja', meaning: 'Persona buscada para su procesamiento o para el cumplimiento de una condena' },
    yellow: { name: 'Notificación amarilla', meaning: 'Persona desaparecida' },
    blue: { name: 'Notificación azul', meaning: 'Se solicita información adicional sobre una persona' },
    black: { name: 'Notificación negra', meaning: 'Cadáver sin identificar' },
    green: { name: 'Notificación verde', meaning: 'Advertencia sobre las actividades delictivas de una persona' },
    orange: { name: 'Notificación naranja', meaning: 'Aviso de una amenaza grave e inminente' },
    purple: { name: 'Notificación morada', meaning: 'Modus operandi, objetos, dispositivos o escondites utilizados por delincuentes' },
    object: { name: 'Llamamiento (objeto)', meaning: '¿Reconoce este objeto o lugar?' },
  },
  ar: {
    red: { name: 'النشرة الحمراء', meaning: 'مطلوب للملاحقة القضائية أو لتنفيذ حكم' },
    yellow: { name: 'النشرة الصفراء', meaning: 'شخص مفقود' },
    blue: { name: 'النشرة الزرقاء', meaning: 'مطلوب معلومات إضافية عن شخص' },
    black: { name: 'النشرة السوداء', meaning: 'جثة مجهولة الهوية' },
    green: { name: 'النشرة الخضراء', meaning: 'تحذير من الأنشطة الإجرامية لشخص' },
    orange: { name: 'النشرة البرتقالية', meaning: 'تحذير من تهديد خطير ووشيك' },
    purple: { name: 'النشرة البنفسجية', meaning: 'أساليب إجرامية وأشياء وأجهزة ومخابئ يستخدمها المجرمون' },
    object: { name: 'نداء للتعرف على شيء', meaning: 'هل تتعرّف على هذا الشيء أو المكان؟' },
  },
};

export const sexNames: Readonly<Record<PublicLanguage, Readonly<Record<Sex, string>>>> = {
  en: { F: 'Female', M: 'Male', U: 'Unknown' },
  fr: { F: 'Femme', M: 'Homme', U: 'Inconnu' },
  es: { F: 'Mujer', M: 'Hombre', U: 'Desconocido' },
  ar: { F: 'أنثى', M: 'ذكر', U: 'غير معروف' },
};

type Params = Readonly<Record<string, string | number>>;

function fill(template: string, params: Params | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A message in the language, its `{placeholders}` filled. */
export function t(lang: PublicLanguage, key: MessageKey, params?: Params): string {
  return fill(messages[lang][key], params);
}

const pluralRules = new Map(publicLanguages.map((lang) => [lang, new Intl.PluralRules(lang)]));
const numberFormats = new Map(publicLanguages.map((lang) => [lang, new Intl.NumberFormat(lang)]));

/** A number as the language writes it. */
export function formatNumber(lang: PublicLanguage, value: number): string {
  return numberFormats.get(lang)!.format(value);
}

/** A plural message for `count`, with `{count}` written as the language writes numbers. */
export function tn(lang: PublicLanguage, key: PluralKey, count: number, params?: Params): string {
  const forms = pluralMessages[lang][key];
  const category = pluralRules.get(lang)!.select(count);
  return fill(forms[category] ?? forms.other, { ...params, count: formatNumber(lang, count) });
}
