// cutcheck's public API: define a model, verify it, read the result as data or as text.
// Everything not exported here is internal and may change.

export type {
  ProcessId, Channel, Topology, ProcessContext, Send, ActionOutcome, ReceiveOutcome, AppView, Predicate,
  Workload, Discipline, NetworkSpec, FaultSpec, AlgorithmSpec, ClVariant, ModelSpec, ResolvedAlgorithm,
} from './model/types.ts';
export { defineModel } from './model/define.ts';
export type {
  SnapshotAlgorithm, Effect, Reaction, InChannel, ControlArrival, AppArrival, Piggyback, ChannelPhase,
} from './snapshot/api.ts';
export {
  defineAlgorithm, recordState, startRecording, stopRecording, appendMessage, sendControl, blockChannel, unblockChannel, setChannel,
  completeLocally, recordQueued, sendAhead, recordOutgoing,
} from './snapshot/api.ts';
export { chandyLamport, chandyLamportVariant, type ClState } from './snapshot/chandy-lamport.ts';
export { laiYang, laiYangVariant, LY_VARIANTS, type LyState, type LyChannel, type LyVariant, type Colour } from './snapshot/lai-yang.ts';
export { abs, absVariant, atLeastOnce, ABS_VARIANTS, type AbsState, type AbsVariant } from './snapshot/abs.ts';
export { unaligned, unalignedVariant, UNALIGNED_VARIANTS, type UnalignedVariant } from './snapshot/unaligned.ts';
export { BUILTIN_ALGORITHMS, builtinAlgorithm } from './snapshot/registry.ts';
export { complete, ring, biring, star, line, edges, pipeline, diamond, fanin, iterate, parseTopology } from './model/topology.ts';
export { bank } from './workloads/bank.ts';
export { token } from './workloads/token.ts';
export { records, ghostOf, type RecordsState, type SourceState, type TaskState, type DataRecord } from './workloads/records.ts';
export { writeupModel, writeupWorkload } from './workloads/writeup.ts';
export { scriptWorkload, scriptModel, SCRIPT_ORDERS, type ScriptEvent, type ScriptOrder, type ScriptState } from './workloads/script.ts';
export { parseWorkload } from './workloads/registry.ts';
export { verify, type VerifyOptions, type PhaseProgress } from './check/verify.ts';
export { encodeCheckpoint, decodeCheckpoint, type Checkpoint } from './check/checkpoint.ts';
export { assertVerified } from './testing/assert.ts';
export { execute, type ScriptStep, type Execution, type CompletedSnapshot } from './check/execute.ts';
export { CHECKS } from './check/result.ts';
export { assumptionMatrix, ASSUMPTIONS, type MatrixRow, type MatrixCell, type Dropped } from './check/assumptions.ts';
export {
  compareAlgorithms, defaultChoices, type AlgorithmChoice, type Comparison, type ComparedAlgorithm, type ComparedCheck, type CompareOptions, type SlowChannel,
} from './check/compare.ts';
export { STEP_CAP, type Costs, type Range } from './check/costs.ts';
export { measureStraggler, type Straggler, type StragglerRow } from './check/straggler.ts';
export type {
  CheckName, CheckStatus, Facts, Stats, StateView, Trace, TraceStep, CutView, Violation, Verdict, VerifyResult, RecordedCut, SnapshotRun,
} from './check/result.ts';
export type { Step, MessageView } from './system/step.ts';
export { report, summary, plainStyle, type Style } from './report/text.ts';
export { toJson, errorJson, replayJson, SCHEMA_VERSION } from './report/json.ts';
export { compareText, compareJson } from './report/compare.ts';
export { traceViolation, traceSteps, replayTrace, stepLists, followingSnapshot, type TraceOptions, type CounterexampleTrace, type ReplayOutcome } from './trace/api.ts';
export type { TraceDoc, TraceRun, TraceState, ModelIdentity, ViolationRecord, Minimisation, TraceSize } from './trace/document.ts';
export type { StepSpec } from './system/step-spec.ts';
export type { MinimiseOptions } from './trace/minimise.ts';
export { toItfTrace, readItfTrace } from './trace/itf.ts';
export { timeline, type Timeline } from './render/timeline.ts';
export { renderSvg } from './render/svg.ts';
export { renderHtml } from './render/html.ts';
export { renderMermaid } from './render/mermaid.ts';
export type { ErrorCode, CutcheckError, Result } from './errors.ts';
export { formatError } from './errors.ts';
