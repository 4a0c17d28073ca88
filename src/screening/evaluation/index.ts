/**
 * Screening evaluation: list loaders (OFAC SDN, UN consolidated), realistic name pools, seeded
 * perturbations of listed persons into labelled checks, and the runner that counts precision and
 * recall. Pure apart from reading the list files; no database.
 *
 * @example
 * const persons = loadUnPersons(testdata('screening-sources', 'watchman'));
 * const report = evaluateChecks(persons, generateChecks(persons, { seed: 1 }));
 * console.log(formatReport('UN', report));
 */
export {
  countryResolver,
  isTitleWord,
  loadOfacPersons,
  loadUnPersons,
  namePools,
  parseOfacBirthDate,
  parseOfacDate,
  parseOfacRemarks,
  titleCase,
  type ListedPerson,
  type LoadOptions,
  type NamePools,
  type SourceList,
} from './sources.js';
export {
  createRng,
  DATE_KINDS,
  generateChecks,
  mrzName,
  NAME_KINDS,
  NEGATIVE_KINDS,
  ocrConfuse,
  otherDecadeBirthDate,
  perturbBirthDate,
  perturbName,
  randomBirthDate,
  transliterate,
  typo,
  type DateKind,
  type GenerateOptions,
  type LabelledCheck,
  type NameKind,
  type NegativeKind,
  type Rng,
  type TypoKind,
} from './perturb.js';
export {
  evaluateChecks,
  formatReport,
  screenUnlisted,
  verifyShortcut,
  type Counts,
  type EvaluationError,
  type EvaluationOptions,
  type EvaluationReport,
  type Metrics,
  type UnlistedReport,
} from './runner.js';
export { childElement, childElements, childText, decodeEntities, parseXml, textOf, type XmlElement } from './xml.js';
