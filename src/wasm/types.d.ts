
/** The verdict over all checks. `indeterminate`: nothing failed, but something could not be checked. */
export type Outcome = "verified" | "invalid" | "indeterminate";

/** The result of one check. */
export type CheckStatus = "passed" | "failed" | "unknown" | "skipped";

/**
 * What the badge shows. `expired`, `revoked`, `suspended` and `untrusted` are `invalid` reports
 * whose worst failure is `validity.expired`, `status.revoked`, `status.suspended` or
 * `trust.not_listed`; `status-unknown` is an `indeterminate` report where only the status
 * could not be checked; `idle` is `verify="manual"` before the viewer asks.
 */
export type BadgeState =
  | "loading" | "idle" | "verified" | "invalid" | "expired" | "revoked" | "suspended"
  | "status-unknown" | "untrusted" | "indeterminate";

/** One check: what was checked, its result, a stable code and a sentence for people. */
export interface Check {
  /** `input`, `jwt`, `context`, `credential`, `issuer`, `key`, `proof`, `validity`, `status`, `conformance`, `recipient`, `trust`…; `proof[1]`… for proof sets. */
  id: string;
  status: CheckStatus;
  /** A stable dotted code, e.g. `proof.signature_invalid`, `validity.expired`. Match on this. */
  code: string;
  /** A short English sentence; free to change between versions. */
  message: string;
}

/** A party: the issuer. All values are claimed by the credential; trust them only when verified. */
export interface Party {
  id?: string;
  name?: string;
  url?: string;
  image?: string;
}

/** The achievement an Open Badge is about. */
export interface AchievementSummary {
  id?: string;
  name?: string;
  description?: string;
  image?: string;
  criteria?: { id?: string; narrative?: string };
}

/** What the credential says about itself, for display. */
export interface CredentialSummary {
  types: string[];
  id?: string;
  name?: string;
  description?: string;
  issuer?: Party;
  achievement?: AchievementSummary;
  subject?: { id?: string; name?: string };
  /** `validFrom` (VC 2.0) or `issuanceDate` (VC 1.1), as written. */
  validFrom?: string;
  /** `validUntil` (VC 2.0) or `expirationDate` (VC 1.1), as written. */
  validUntil?: string;
}

/** Everything a verification found. Plain JSON data. */
export interface Report {
  outcome: Outcome;
  format: "json-ld" | "vc-jwt" | "vc+jwt" | "unknown";
  /** Every check, in the order they ran. */
  checks: Check[];
  /** `null` when the input could not be read as a credential at all. */
  credential: CredentialSummary | null;
  /** Credentials embedded in this one (endorsements, a CLR's achievements), each verified on its own. */
  embedded: EmbeddedReport[];
}

/** An embedded credential's own report; its outcome does not change the outer report's. */
export interface EmbeddedReport extends Report {
  kind: "endorsement" | "achievement";
  /** Where it sits, e.g. `credentialSubject.achievement.endorsement[0]`. */
  path: string;
}

/** Options for `verify()`. */
export interface VerifyOptions {
  /** The time validity is checked against: RFC 3339 (`2025-01-01T00:00:00Z`) or a Date. Default: now. */
  now?: string | Date;
  /** Allow network requests (status lists, did:web). Default `false`: nothing is fetched. */
  network?: boolean;
  /** Documents served instead of the network, by URL (JSON-LD contexts, DID documents, status lists). */
  documents?: { [url: string]: string | object };
  /** Seconds a validity boundary may be off (clocks disagree). Default 300. */
  clockSkew?: number;
  /** Adds a `recipient` check: is the credential issued to this identity? Compared in the page. */
  recipient?: Recipient;
  /**
   * The page's trusted issuers: adds a `trust` check (`trust.listed`, `trust.not_listed` →
   * invalid, or `trust.unavailable` → indeterminate when `error` says the list could not be loaded).
   */
  trust?: { issuers: string[] } | { error: string };
}

/** One identity: `{ email }`, `{ url }`, `{ phone }`, `{ name }` or any OB 3.0 `identityType`. */
export type Recipient = { [identityType: string]: string };

/** The answer of {@link checkRecipient}. */
export interface RecipientResult {
  match: "match" | "mismatch" | "no-identifier" | "unsupported-hash" | "unreadable";
  /** `recipient.match`, `recipient.mismatch`, `recipient.no_identifier`, `recipient.unsupported_hash`, or the input error's code. */
  code: string;
  message: string;
}

/**
 * "Is this badge yours?": compares one identity with the credential subject's `identifier`s
 * (plain or `sha256$`/`md5$` hashed with the credential's salt), in this page; nothing is sent.
 * Does not verify the credential. Throws a `TypeError` (`code: "recipient.bad"`) for a bad `recipient`.
 */
export function checkRecipient(credential: string | object | Uint8Array, recipient: Recipient): RecipientResult;

/** The error `verify()` rejects with on misuse (never for a bad credential). */
export interface VerifyMisuseError extends TypeError {
  /** e.g. `options.not_object`, `options.bad_now`, `options.bad_network`, `options.bad_documents`, `options.bad_clock_skew`, `options.bad_trust`, `recipient.bad`, `input.missing`, `input.bad_type`. */
  code: string;
}

/**
 * Verifies one credential offline. Resolves with a report for every credential, good or bad;
 * rejects with a {@link VerifyMisuseError} only when the call itself is wrong.
 * @param input Credential JSON text, a parsed object, or the bytes of a file.
 */
export function verify(input: string | object | Uint8Array, options?: VerifyOptions): Promise<Report>;

/** One skill, tag or issuer in a {@link CollectionSummary} and how often it occurs. */
export interface Tally {
  /** The skill's `targetName`, the tag, or the issuer's name (or id). */
  name: string;
  /** The framework a skill belongs to (`targetFramework`), or an issuer's id. */
  group?: string;
  /** A URL for it (`targetUrl`, or the issuer's `url`). */
  url?: string;
  /** Credentials that claim it. */
  count: number;
  /** Verified credentials that claim it. */
  verified: number;
}

/** What a set of reports adds up to. Lists are sorted most verified first. */
export interface CollectionSummary {
  total: number;
  verified: number;
  invalid: number;
  indeterminate: number;
  /** From achievements' `alignment` (`targetName`, `targetFramework`, `targetUrl`). */
  skills: Tally[];
  /** From achievements' `tag`. */
  tags: Tally[];
  issuers: Tally[];
}

/**
 * Sums up reports from `verify()`: outcome counts, skills, tags and issuers. Only verified
 * credentials count toward each `verified` tally. Throws a `TypeError`
 * (`code: "summarize.bad_reports"`) when `reports` is not an array of reports.
 */
export function summarize(reports: Report[]): CollectionSummary;

/** Options for `renderBadge()`. */
export interface RenderOptions {
  /** BCP 47 language tag for the words (en, de, es, fr) and dates; default: English words. */
  lang?: string;
}

/**
 * Draws a badge into a shadow root or element (whose children the renderer then owns), with
 * text nodes only. `report` null or undefined draws the loading state. Returns the state shown.
 */
export function renderBadge(target: ShadowRoot | Element, report?: Report | null, options?: RenderOptions): BadgeState;

/**
 * Registers the `<verified-badge>` element as `tag` in `registry`. `init()` already does this
 * with the defaults; call it for another tag or a scoped registry. Returns false where there is
 * no registry (Node.js) or the tag is taken.
 */
export function defineElement(tag?: string, registry?: CustomElementRegistry): boolean;


/** The `<verified-badge>` element (registered when the package is imported in a browser). */
export interface VerifiedBadgeElement extends HTMLElement {
  /** URL of the credential: a baked PNG or SVG, JSON, or a JWT. */
  src: string;
  size: "small" | "medium" | "large";
  layout: "badge" | "card";
  theme: "light" | "dark" | "auto";
  /** `off` forbids every request. */
  network: "on" | "off";
  /** RFC 3339 time to check validity against; empty: now. */
  now: string;
  /** URL, or id of a `<script type="application/json">`, of a JSON list of trusted issuer ids. */
  trust: string;
  verify: "auto" | "manual";
  /** The credential itself; overrides `src` and inline scripts. */
  credential: string | object | Uint8Array | ArrayBuffer | Blob | undefined;
  /** Documents served without the network, by URL. */
  documents: { [url: string]: string | object } | undefined;
  /**
   * The last report; null while loading. Setting a report (e.g. one verified in a worker)
   * shows it without verifying again; `null` verifies again.
   */
  report: Report | null;
  readonly state: BadgeState;
  /** Verifies now (also in manual mode); resolves with the report. */
  verifyNow(): Promise<Report>;
  /** Opens the details dialog. */
  showDetails(): void;
  /** Verifies and draws again. */
  refresh(): void;
}

/** The events a badge dispatches (bubbling, composed), each with the report. */
export interface VerifiedBadgeEventMap {
  "verified-badge:verified": CustomEvent<Report>;
  "verified-badge:invalid": CustomEvent<Report>;
  "verified-badge:indeterminate": CustomEvent<Report>;
}

/**
 * `<verified-badge-collection>` (module `verified-badge-collection.js`): many badges verified
 * in one Web Worker, a grid, and a summary of outcomes and skills.
 */
export interface VerifiedBadgeCollectionElement extends HTMLElement {
  /** A JSON list of credentials (URLs, JWT strings, objects) or `{ credentials, documents }`. */
  src: string;
  now: string;
  network: "on" | "off";
  documents: { [url: string]: string | object } | undefined;
  /** The reports so far, in the list's order. */
  readonly reports: Report[];
  /** The summary, once every badge is verified. */
  readonly summary: CollectionSummary | null;
  refresh(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "verified-badge": VerifiedBadgeElement;
    "verified-badge-collection": VerifiedBadgeCollectionElement;
  }
  interface HTMLElementEventMap extends VerifiedBadgeEventMap {}
}
