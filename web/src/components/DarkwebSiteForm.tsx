// The form of a monitored site, to watch a new one ("Watch a site") and to change one the user's
// agency owns: the origin (an onion address is checked as it is typed), name, legal basis, case,
// seeds, scope, schedule and politeness, extraction rules and visibility. A change sends only the
// fields that changed, so that the audit log names them.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { listAgencies, listCases, type ApiError } from '../api';
import {
  EXTRACTION_RULE_FIELDS,
  SITE_NUMBERS,
  checkOnion,
  createSite,
  updateSite,
  type ExtractionRuleField,
  type ExtractionRules,
  type NewSite,
  type OnionCheck,
  type Site,
  type SiteChanges,
  type SiteNumber,
  type SiteVisibility,
} from '../darkweb-api';
import { NUMBER_HINTS, RULE_HINTS, numberLabel, ruleLabel } from '../darkweb-format';
import { caseLabel } from '../format';
import { fieldName } from '../forms';
import { useAction, useLoad } from '../hooks';
import { useSession } from '../session';
import { SelectField, TextAreaField, TextField } from './Field';
import { NoticeVisibilityFields } from './NoticeVisibilityFields';
import { ProblemAlert } from './ProblemAlert';

interface Values {
  origin: string;
  name: string;
  legalBasis: string;
  caseId: string;
  seeds: string;
  scopeInclude: string;
  scopeExclude: string;
  numbers: Record<SiteNumber, string>;
  rules: Record<ExtractionRuleField, string>;
  visibility: SiteVisibility;
  sharedWith: string[];
}

const NUMBER_FIELDS = Object.keys(SITE_NUMBERS) as SiteNumber[];

function emptyValues(): Values {
  const numbers = {} as Record<SiteNumber, string>;
  for (const field of NUMBER_FIELDS) numbers[field] = String(SITE_NUMBERS[field].default);
  const rules = {} as Record<ExtractionRuleField, string>;
  for (const field of EXTRACTION_RULE_FIELDS) rules[field] = '';
  return {
    origin: '',
    name: '',
    legalBasis: '',
    caseId: '',
    seeds: '',
    scopeInclude: '',
    scopeExclude: '',
    numbers,
    rules,
    visibility: 'agency',
    sharedWith: [],
  };
}

function siteValues(site: Site): Values {
  const numbers = {} as Record<SiteNumber, string>;
  for (const field of NUMBER_FIELDS) numbers[field] = String(site[field]);
  const rules = {} as Record<ExtractionRuleField, string>;
  for (const field of EXTRACTION_RULE_FIELDS) rules[field] = site.extractionRules[field] ?? '';
  return {
    origin: site.origin,
    name: site.name,
    legalBasis: site.legalBasis,
    caseId: site.caseId ?? '',
    seeds: site.seeds.join('\n'),
    scopeInclude: site.scopeInclude.join('\n'),
    scopeExclude: site.scopeExclude.join('\n'),
    numbers,
    rules,
    visibility: site.visibility,
    sharedWith: site.sharedWith,
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function rulesOf(values: Values): ExtractionRules {
  const rules: ExtractionRules = {};
  for (const field of EXTRACTION_RULE_FIELDS) {
    const value = values.rules[field].trim();
    if (value) rules[field] = value;
  }
  return rules;
}

/** The numbers as typed; a field left empty takes the server's default. */
function numbersOf(values: Values): { numbers: Partial<Record<SiteNumber, number>>; problems: Partial<Record<SiteNumber, string>> } {
  const numbers: Partial<Record<SiteNumber, number>> = {};
  const problems: Partial<Record<SiteNumber, string>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = values.numbers[field].trim();
    if (text === '') continue;
    const value = Number(text);
    if (Number.isInteger(value)) numbers[field] = value;
    else problems[field] = 'must be a whole number';
  }
  return { numbers, problems };
}

function toNewSite(values: Values, numbers: Partial<Record<SiteNumber, number>>): NewSite {
  const input: NewSite = {
    origin: values.origin.trim(),
    name: values.name.trim(),
    legalBasis: values.legalBasis.trim(),
    visibility: values.visibility,
    ...numbers,
  };
  const seeds = lines(values.seeds);
  const include = lines(values.scopeInclude);
  const exclude = lines(values.scopeExclude);
  const rules = rulesOf(values);
  if (seeds.length > 0) input.seeds = seeds;
  if (include.length > 0) input.scopeInclude = include;
  if (exclude.length > 0) input.scopeExclude = exclude;
  if (Object.keys(rules).length > 0) input.extractionRules = rules;
  if (values.caseId) input.caseId = values.caseId;
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only what differs from the site. */
function toChanges(site: Site, values: Values, numbers: Partial<Record<SiteNumber, number>>): SiteChanges {
  const changes: SiteChanges = {};
  const origin = values.origin.trim();
  const name = values.name.trim();
  const legalBasis = values.legalBasis.trim();
  if (origin !== site.origin) changes.origin = origin;
  if (name !== site.name) changes.name = name;
  if (legalBasis !== site.legalBasis) changes.legalBasis = legalBasis;
  if ((values.caseId || null) !== site.caseId) changes.caseId = values.caseId || null;
  const seeds = lines(values.seeds);
  if (!same(seeds, site.seeds)) changes.seeds = seeds;
  const include = lines(values.scopeInclude);
  if (!same(include, site.scopeInclude)) changes.scopeInclude = include;
  const exclude = lines(values.scopeExclude);
  if (!same(exclude, site.scopeExclude)) changes.scopeExclude = exclude;
  for (const field of NUMBER_FIELDS) {
    const value = numbers[field];
    if (value !== undefined && value !== site[field]) changes[field] = value;
  }
  const rules = rulesOf(values);
  if (!same(rules, rulesOf(siteValues(site)))) changes.extractionRules = rules;
  const sharedWith = values.visibility === 'shared' ? values.sharedWith : [];
  if (values.visibility !== site.visibility || !same(sharedWith, site.visibility === 'shared' ? site.sharedWith : [])) {
    changes.visibility = values.visibility;
    changes.sharedWith = sharedWith;
  }
  return changes;
}

/**
 * Field errors of a problem document, by form field: `extractionRules.postSelector` keeps its
 * rule, `seeds[2]` becomes `seeds`, `body.name` becomes `name`.
 */
function siteFieldErrors(error: ApiError | null): Partial<Record<string, string>> {
  const result: Partial<Record<string, string>> = {};
  for (const { field, message } of error?.problem.errors ?? []) {
    const name = fieldName(field);
    const rule = name === 'extractionRules' ? /extractionRules[./]+(\w+)/.exec(field)?.[1] : undefined;
    const key = rule ? `extractionRules.${rule}` : name;
    const previous = result[key];
    result[key] = previous ? `${previous}; ${message}` : message;
  }
  return result;
}

const PLACED = [
  'origin',
  'name',
  'legalBasis',
  'caseId',
  'seeds',
  'scopeInclude',
  'scopeExclude',
  'extractionRules',
  'visibility',
  'sharedWith',
  ...NUMBER_FIELDS,
];

type Submission = { kind: 'create'; input: NewSite } | { kind: 'update'; id: string; changes: SiteChanges };

interface SiteFormProps {
  /** The site to change; without it the form watches a new site. */
  site?: Site;
  onSaved: (site: Site) => void;
  onCancel: () => void;
}

export function DarkwebSiteForm({ site, onSaved, onCancel }: SiteFormProps) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const cases = useLoad((signal) => listCases(signal), []);
  const save = useAction((submission: Submission) =>
    submission.kind === 'create' ? createSite(submission.input) : updateSite(submission.id, submission.changes),
  );
  const [values, setValues] = useState<Values>(() => (site ? siteValues(site) : emptyValues()));
  const [localProblems, setLocalProblems] = useState<Partial<Record<SiteNumber, string>>>({});
  const errors: Partial<Record<string, string>> = { ...siteFieldErrors(save.error), ...localProblems };
  const editing = site !== undefined;

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { numbers, problems } = numbersOf(values);
    setLocalProblems(problems);
    if (Object.keys(problems).length > 0) return;
    if (site) {
      const changes = toChanges(site, values, numbers);
      if (Object.keys(changes).length === 0) {
        onCancel();
        return;
      }
      const result = await save.run({ kind: 'update', id: site.id, changes });
      if (result.ok) onSaved(result.value);
    } else {
      const result = await save.run({ kind: 'create', input: toNewSite(values, numbers) });
      if (result.ok) onSaved(result.value);
    }
  }

  const caseOptions = [
    { value: '', label: cases.data ? 'No case' : 'Loading cases…' },
    ...(cases.data ?? []).map((record) => ({ value: record.id, label: caseLabel(record) })),
  ];
  if (values.caseId && !caseOptions.some((option) => option.value === values.caseId))
    caseOptions.push({ value: values.caseId, label: values.caseId });

  return (
    <form
      className="panel darkweb-site-form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? 'Change the site' : 'Watch a site'}
      data-testid="darkweb-site-form"
    >
      <h2>{editing ? 'Change the site' : 'Watch a site'}</h2>
      <ProblemAlert error={save.error} fields={PLACED} />

      <fieldset className="form-section">
        <legend>Site</legend>
        <TextField
          label="Address"
          hint="A v3 onion address (56 characters, with or without http://) or a clear-web origin such as https://forum.example."
          value={values.origin}
          onChange={(value) => update('origin', value)}
          error={errors.origin}
          required
          autoComplete="off"
          spellCheck={false}
          testId="darkweb-site-origin"
        />
        <OnionCheckNote origin={values.origin} />
        <TextField
          label="Name"
          hint="How the site is known in your unit, e.g. “Radio forum”."
          value={values.name}
          onChange={(value) => update('name', value)}
          error={errors.name}
          required
          testId="darkweb-site-name"
        />
        <TextAreaField
          label="Legal basis"
          hint={
            <>
              Required. The warrant, authorisation or legal provision under which your agency watches this site, e.g. “Warrant 2026/114,
              Rotterdam district court”. It is recorded with the site and in the audit log: only watch what this basis covers.
            </>
          }
          value={values.legalBasis}
          onChange={(value) => update('legalBasis', value)}
          error={errors.legalBasis}
          required
          rows={3}
          testId="darkweb-site-legal-basis"
        />
        <SelectField
          label="Case (optional)"
          value={values.caseId}
          options={caseOptions}
          onChange={(value) => update('caseId', value)}
          error={errors.caseId}
          testId="darkweb-site-case"
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Scope</legend>
        <TextAreaField
          label="Seeds (optional)"
          hint="Where each visit starts: one URL on the site per line. Empty: the site’s front page."
          value={values.seeds}
          onChange={(value) => update('seeds', value)}
          error={errors.seeds}
          rows={3}
          spellCheck={false}
          testId="darkweb-site-seeds"
        />
        <div className="field-grid">
          <TextAreaField
            label="Include patterns (optional)"
            hint="One URL pattern per line, * for any characters. When given, only matching links are followed."
            value={values.scopeInclude}
            onChange={(value) => update('scopeInclude', value)}
            error={errors.scopeInclude}
            rows={3}
            spellCheck={false}
            testId="darkweb-site-include"
          />
          <TextAreaField
            label="Exclude patterns (optional)"
            hint="Links matching any of these are never followed, e.g. */logout* or */search?*."
            value={values.scopeExclude}
            onChange={(value) => update('scopeExclude', value)}
            error={errors.scopeExclude}
            rows={3}
            spellCheck={false}
            testId="darkweb-site-exclude"
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Schedule and politeness</legend>
        <div className="field-grid">
          {NUMBER_FIELDS.map((field) => (
            <TextField
              key={field}
              label={numberLabel(field)}
              hint={NUMBER_HINTS[field]}
              type="number"
              inputMode="numeric"
              min={SITE_NUMBERS[field].min}
              max={SITE_NUMBERS[field].max}
              step={1}
              value={values.numbers[field]}
              onChange={(value) => update('numbers', { ...values.numbers, [field]: value })}
              error={errors[field]}
              className="input-short"
              testId={`darkweb-site-${field}`}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Extraction rules (optional)</legend>
        <p className="field-hint">
          CSS selectors and regular expressions for what the generic extraction does not find: usernames, posts and their authors and times,
          the advertised member count, and the page a forum shows once the session is gone (a visit that meets it raises a “session expired”
          alert instead of crawling login pages).
        </p>
        {errors.extractionRules ? <p className="field-error">{errors.extractionRules}</p> : null}
        <div className="field-grid">
          {EXTRACTION_RULE_FIELDS.map((field) => (
            <TextField
              key={field}
              label={ruleLabel(field)}
              hint={RULE_HINTS[field]}
              value={values.rules[field]}
              onChange={(value) => update('rules', { ...values.rules, [field]: value })}
              error={errors[`extractionRules.${field}`]}
              autoComplete="off"
              spellCheck={false}
              testId={`darkweb-site-rule-${field}`}
            />
          ))}
        </div>
      </fieldset>

      <NoticeVisibilityFields
        label="Visibility"
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies.data}
        ownAgencyId={user.agency.id}
        errors={{ visibility: errors.visibility, sharedWith: errors.sharedWith }}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="darkweb-site"
      />

      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy} data-testid="darkweb-site-submit">
          {save.busy ? 'Saving…' : editing ? 'Save changes' : 'Watch this site'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Whether what was typed is meant as an onion address (so that it is worth checking as one). */
function looksLikeOnion(text: string): boolean {
  const trimmed = text.trim();
  return /\.onion(?=$|[:/?#.])/i.test(trimmed) || /^[a-z2-7]{16,}$/i.test(trimmed);
}

const CHECK_DELAY_MS = 350;

type CheckState =
  | { input: string; status: 'checking' }
  | { input: string; status: 'done'; result: OnionCheck }
  | { input: string; status: 'failed'; message: string };

/** The server's verdict on an onion address as it is typed: version, length, base32 and checksum. */
function OnionCheckNote({ origin }: { origin: string }) {
  const input = origin.trim();
  const onion = looksLikeOnion(input);
  const [state, setState] = useState<CheckState | null>(null);

  useEffect(() => {
    if (!onion) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState({ input, status: 'checking' });
      checkOnion(input, controller.signal).then(
        (result) => {
          if (!controller.signal.aborted) setState({ input, status: 'done', result });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ input, status: 'failed', message: error instanceof Error ? error.message : 'The address could not be checked.' });
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [input, onion]);

  const current = state?.input === input ? state : null;
  let content: ReactNode = null;
  if (input === '') content = null;
  else if (!onion) content = <span className="muted">A clear-web address; the server checks it when you save.</span>;
  else if (current === null || current.status === 'checking') content = <span className="muted">Checking the onion address…</span>;
  else if (current.status === 'failed') content = <span className="muted">The address could not be checked now ({current.message}).</span>;
  else if (current.result.valid)
    content = (
      <span className="onion-valid">
        Valid v3 onion address: <code className="hash">{current.result.address ?? input}</code> (version and checksum verified).
      </span>
    );
  else
    content = (
      <span className="onion-invalid">
        Not a valid onion address: {current.result.message ?? 'it does not decode to a v3 key'}
        {current.result.reason ? <span className="muted"> ({current.result.reason.replace(/_/g, ' ')})</span> : null}.
      </span>
    );
  return (
    <p className="onion-check" role="status" aria-live="polite" data-testid="darkweb-onion-check">
      {content}
    </p>
  );
}
