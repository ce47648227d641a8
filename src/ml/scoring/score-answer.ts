import { checkGrammar, grammarScore, type EnglishDialect, type GrammarIssue } from '../language/grammar.js';
import {
  detectIntroduction,
  detectMotivation,
  detectStar,
  isBehavioural,
  isIntroduction,
  isMotivation,
  scoreRelevance,
  type IntroductionResult,
  type MotivationResult,
  type RelevanceResult,
  type StarResult,
  type StructureResult,
} from '../language/relevance.js';
import { countWords } from '../language/text.js';
import { analyzeVocabulary, type VocabularyMetrics } from '../language/vocabulary.js';
import { analyzeAudio, readWav, type AudioMetrics } from '../speech/audio.js';
import { measureFluency, type FluencyMetrics } from '../speech/fluency.js';
import { toPcm16kWavFile, type Transcript } from '../speech/transcriber.js';
import {
  overallScore,
  scoreContent,
  scoreDelivery,
  scoreLanguage,
  scorePresence,
  type AnswerStructure,
  type ComponentScore,
  type OverallScore,
  type PresenceLike,
} from './components.js';

/**
 * Scores one practice answer from its transcript, optional recording and optional (already
 * computed) presence metrics. Pure apart from harper.js (loaded once per process) and, for
 * recordings that are not WAV, an ffmpeg conversion. Safe to call from a worker thread.
 */
export interface ScoreAnswerInput {
  question: string;
  /** Points harvested experiences associate with the question. */
  keyPoints: string[];
  transcript: Transcript;
  /** The user reviewed/edited the transcript (a corrected transcript is always usable). */
  transcriptCorrected: boolean;
  /** The recording: WAV bytes (16 kHz mono preferred) or any format ffmpeg reads (e.g. webm). */
  wav?: Buffer | Uint8Array;
  presence?: PresenceLike | null;
  dialect?: EnglishDialect;
  /** When the question was shown, in ms on the recording's timeline (0 = recording started with it). */
  shownAtMs?: number;
  /** Other documents for TF-IDF weights (e.g. other questions' key points). */
  corpus?: string[];
  /**
   * The question's technical subject and the share of the answer's subject vocabulary that is this
   * subject (0–1, null when the answer has too little to say), from the caller's topic tagger.
   */
  subject?: { label: string; share: number | null };
}

export interface AnswerScore {
  overall: OverallScore;
  components: { content: ComponentScore; delivery: ComponentScore; language: ComponentScore; presence: ComponentScore };
  transcript: { text: string; source: Transcript['source']; confidence: number | null; lowConfidence: boolean; corrected: boolean; usable: boolean };
  /** For highlighting in the report (offsets into transcript.text). */
  fillers: FluencyMetrics['fillers'];
  grammarIssues: GrammarIssue[];
  metrics: {
    wordCount: number;
    fluency: FluencyMetrics;
    audio: Omit<AudioMetrics, 'voicedSegments'> | null;
    reactionTimeMs: number | null;
    vocabulary: VocabularyMetrics;
    relevance: RelevanceResult;
    behavioural: boolean;
    star: StarResult | null;
    /** The parts of a self-introduction, for "tell me about yourself" questions. */
    introduction?: IntroductionResult | null;
    /** The parts of a "why this job" answer ("Why do you want to join …?", "Why should we hire you?"). */
    motivation?: MotivationResult | null;
  };
  timingsMs: { audio: number; language: number; total: number };
}

async function decodeRecording(bytes: Buffer | Uint8Array): Promise<{ samples: Float32Array; sampleRate: number }> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(12, bytes.byteLength)).toString('ascii');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return readWav(bytes);
  const file = await toPcm16kWavFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    return readWav(file.path);
  } finally {
    await file.cleanup();
  }
}

function structureOf(kind: AnswerStructure['kind'], found: StructureResult<string>): AnswerStructure {
  return { kind, present: found.present, parts: Object.keys(found.cues) };
}

export interface ContentAssessment {
  content: ComponentScore;
  relevance: RelevanceResult;
  behavioural: boolean;
  star: StarResult | null;
  introduction: IntroductionResult | null;
  motivation: MotivationResult | null;
}

/** The content component of an answer and the measurements behind it (no grammar, audio or models). */
export function assessContent(
  text: string,
  input: Pick<ScoreAnswerInput, 'question' | 'keyPoints' | 'corpus' | 'subject'>,
  transcriptUsable = true,
): ContentAssessment {
  const relevance = scoreRelevance(text, input.question, input.keyPoints, { corpus: input.corpus });
  const behavioural = isBehavioural(input.question);
  const star = behavioural ? detectStar(text) : null;
  const introduction = !behavioural && isIntroduction(input.question) ? detectIntroduction(text) : null;
  const motivation = !behavioural && !introduction && isMotivation(input.question) ? detectMotivation(text) : null;
  const content = scoreContent({
    wordCount: countWords(text),
    transcriptUsable,
    tfidfCosine: relevance.tfidfCosine,
    subjectShare: input.subject?.share ?? null,
    ...(input.subject && { subjectLabel: input.subject.label }),
    keywordCoverage: relevance.keywordCoverage,
    keyPointCoverage: relevance.keyPointCoverage,
    missingKeyPoints: relevance.missingKeyPoints,
    structure: star
      ? structureOf('star', star)
      : introduction
        ? structureOf('introduction', introduction)
        : motivation
          ? structureOf('motivation', motivation)
          : null,
  });
  return { content, relevance, behavioural, star, introduction, motivation };
}

export async function scoreAnswer(input: ScoreAnswerInput): Promise<AnswerScore> {
  const t0 = performance.now();
  const { transcript } = input;
  const text = transcript.text;
  const usable = input.transcriptCorrected || !transcript.lowConfidence;
  const spoken = transcript.source !== 'typed';

  let audio: AudioMetrics | null = null;
  if (input.wav && input.wav.byteLength > 0) {
    const { samples, sampleRate } = await decodeRecording(input.wav);
    audio = analyzeAudio(samples, sampleRate);
  }
  const tAudio = performance.now();

  const wordCount = countWords(text);
  const fluency = measureFluency(transcript, audio);
  const onsetMs = audio ? audio.speechOnsetMs : (transcript.words[0]?.startMs ?? null);
  const reactionTimeMs = onsetMs === null || !spoken ? null : Math.max(0, onsetMs - (input.shownAtMs ?? 0));

  const grammarIssues = text.trim() ? await checkGrammar(text, { dialect: input.dialect ?? 'indian', spoken }) : [];
  const grammar = grammarScore(grammarIssues, wordCount);
  const vocabulary = analyzeVocabulary(text, input.question);
  const { content, relevance, behavioural, star, introduction, motivation } = assessContent(text, input, usable);
  const tLanguage = performance.now();

  const delivery = scoreDelivery({
    hasAudio: audio !== null,
    nearSilent: audio?.nearSilent ?? false,
    wordCount,
    transcriptUsable: usable,
    wordsPerMinute: fluency.wordsPerMinute,
    fillersPerMinute: fluency.fillersPerMinute,
    longPauseCount: audio?.longPauseCount ?? 0,
    speakingTimeMs: fluency.speakingTimeMs,
    reactionTimeMs,
    rmsDbfs: audio?.rmsDbfs ?? null,
    pitchVariationSemitones: audio?.pitch.variationSemitones ?? null,
    monotone: audio?.pitch.monotone ?? null,
  });
  const language = scoreLanguage({
    wordCount,
    transcriptUsable: usable,
    grammarScore: grammar.score,
    errorsPer100Words: grammar.issuesPer100Words,
    mattr: vocabulary.mattr,
    overusedWords: vocabulary.overused.map((o) => o.word),
  });
  const presence = scorePresence(input.presence);
  const components = { content, delivery, language, presence };

  let audioSummary: AnswerScore['metrics']['audio'] = null;
  if (audio) {
    const { voicedSegments: _segments, ...rest } = audio;
    audioSummary = rest;
  }
  return {
    overall: overallScore(components),
    components,
    transcript: { text, source: transcript.source, confidence: transcript.confidence, lowConfidence: transcript.lowConfidence, corrected: input.transcriptCorrected, usable },
    fillers: fluency.fillers,
    grammarIssues,
    metrics: { wordCount, fluency, audio: audioSummary, reactionTimeMs, vocabulary, relevance, behavioural, star, introduction, motivation },
    timingsMs: { audio: tAudio - t0, language: tLanguage - tAudio, total: performance.now() - t0 },
  };
}
