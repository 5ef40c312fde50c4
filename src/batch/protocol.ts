/** Messages between the batch's main process and its worker processes (Node IPC, JSON). */
import type { DiagnosisJson } from '../report/diagnosis-json.js';
import type { ErrorKind } from './record.js';

/** The `diagnose` options a worker applies to every clip (already validated by the main process). */
export interface WorkerDiagnoseOptions {
  device?: string;
  roi?: string;
  at?: string;
  theme?: string;
}

export interface JobMessage {
  type: 'job';
  id: number;
  path: string;
  options: WorkerDiagnoseOptions;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; json: DiagnosisJson }
  | { type: 'result'; id: number; ok: false; message: string; kind: ErrorKind };
