/**
 * The lever editor's model, in parts: the form fields of each lever type (./fieldTypes.ts,
 * ./catalogue.ts, ./descriptions.ts), drafts and their conversion to levers (./drafts.ts), new
 * levers (./newLever.ts), validation with the host's schema (./validate.ts), levers naming
 * non-members (./nonMembers.ts); one-line summaries are in renderer/src/models/leverSummary.ts. Pure, unit-tested. This
 * file only re-exports them, so callers import one path.
 */
export type { FieldKind, FieldOption, LeverField, LeverTypeDescription } from './fieldTypes';
export { leverTypeDescriptions, leverTypes, ownHelpKinds, schemaDescription, schemaFieldKeys } from './descriptions';
export {
  draftToLeverInput,
  leverToDraft,
  parseNumberText,
  sameDraft,
  scenarioToDraft,
  type LeverDraft,
  type ScenarioDraft,
} from './drafts';
export { newLever, type NewLeverContext } from './newLever';
export {
  draftToScenarioInput,
  percentMessage,
  validateDraft,
  type DraftProblems,
  type ValidatedDraft,
} from './validate';
export {
  draftLeverReferences,
  nonMemberListText,
  nonMemberNotRunText,
  nonMemberSummary,
  repairDraft,
} from './nonMembers';
