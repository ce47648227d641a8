// Public entry of the ML modules for the app: import from 'src/ml/index.js' only.
//
// Rule for this file: it is imported by the HTTP process, so it re-exports *runtime* values only
// from light modules (worker-pool plumbing, pure scoring and presence functions, the transcriber
// adapters that spawn processes). Modules that load models or big libraries at import time —
// harper.js/`natural` (language/*, speech/fillers, speech/fluency, scoring/score-answer) and
// TensorFlow.js (backend, vision/analyze-frame) — are exported as *types* only: that work belongs
// in the worker threads (ScoringPool, VisionPool). `natural` alone is ≈ 100 MB per thread.

// Scoring on worker threads.
export {
  DEFAULT_FRAME_CHUNK_SIZE,
  DEFAULT_SCORING_TASK_TIMEOUT_MS,
  DEFAULT_SCORING_VISION_OPTIONS,
  DEFAULT_SCORING_WORKER_URL,
  ScoringError,
  ScoringPool,
} from './scoring/scoring-pool.js';
export type {
  ScoredAnswer,
  ScoringAnswerInput,
  ScoringBackendDescription,
  ScoringLane,
  ScoringPoolOptions,
  ScoringTimings,
} from './scoring/scoring-pool.js';
export type { LoadedModel, ScoringTask, ScoringTaskResult, ScoringWorkerStatus } from './scoring/scoring.worker.js';
export type { AnswerScore, ScoreAnswerInput } from './scoring/score-answer.js';

// Pure component scores, weights and thresholds (for reports and tests; no models).
export {
  band,
  CONTENT,
  DELIVERY,
  LANGUAGE,
  NOT_ENOUGH_EVIDENCE,
  OVERALL_WEIGHTS,
  overallScore,
  PRESENCE,
  ramp,
  scoreContent,
  scoreDelivery,
  scoreLanguage,
  scorePresence,
  STRUCTURE_PARTS,
} from './scoring/components.js';
export type {
  AnswerStructure,
  ComponentName,
  ComponentScore,
  ContentInput,
  DeliveryInput,
  LanguageInput,
  Measurement,
  OverallScore,
  PresenceLike,
} from './scoring/components.js';

// Vision: the frame-analysis pool and the pure presence summary.
export { packFrames, VisionPool } from './vision/vision-pool.js';
export type { VisionPoolOptions } from './vision/vision-pool.js';
export {
  DEFAULT_CALIBRATION_FRAMES,
  DEFAULT_FRAME_INTERVAL_MS,
  describePresence,
  dominantGroup,
  EYE_CONTACT_PITCH_TOLERANCE,
  EYE_CONTACT_YAW_TOLERANCE,
  HEAD_MOVEMENT_HIGH,
  HEAD_MOVEMENT_LOW,
  NOD_PITCH_DELTA,
  summarizePresence,
} from './vision/presence.js';
export type { ExpressionGroup, PresenceMetrics, PresenceOptions } from './vision/presence.js';
export type {
  AnalyzeFrameOptions,
  AnalyzeFramesOptions,
  Expressions,
  ExpressionName,
  FaceBox,
  FrameAnalysis,
} from './vision/analyze-frame.js';
export type { BackendInfo, BackendName } from './backend.js';

// Worker-pool errors (a ScoringError's `cause` may be one of these).
export { PoolClosedError, WorkerCrashedError } from './pool.js';

// Transcripts: the browser/typed pass-through and the server-side recognisers (child processes).
export {
  createTranscriber,
  LOW_CONFIDENCE_THRESHOLD,
  PocketsphinxTranscriber,
  SherpaOnnxTranscriber,
  TextTranscriber,
  TranscriberUnavailableError,
} from './speech/transcriber.js';
export type {
  CreateTranscriberOptions,
  Transcriber,
  TranscriberKind,
  Transcript,
  TranscriptSource,
  TranscriptWord,
} from './speech/transcriber.js';

// Types of the measurements inside an AnswerScore.
export type { AudioMetrics } from './speech/audio.js';
export type { FluencyMetrics } from './speech/fluency.js';
export type { FillerHit } from './speech/fillers.js';
export type { EnglishDialect, GrammarIssue } from './language/grammar.js';
export type { IntroductionPart, IntroductionResult, MotivationPart, MotivationResult, RelevanceResult, StarPart, StarResult, StructureResult } from './language/relevance.js';
export type { VocabularyMetrics } from './language/vocabulary.js';
// Stored reports from before question words were left out of "overused" are filtered when read.
export { inQuestion } from './language/vocabulary.js';
