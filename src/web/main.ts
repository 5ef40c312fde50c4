/**
 * The page: camera (or a dropped clip) → frames grabbed on each video frame → the worker running the
 * CLI's tracker and matcher → the ring on the preview, the trace, and the diagnosis card.
 * Nothing leaves the browser: the clip is read from an object URL, the camera from getUserMedia.
 */
import { DEVICE_NAMES } from '../catalog/devices.js';
import { DEVICE_IDS, type DeviceId } from '../catalog/types.js';
import type { Region } from '../source/types.js';
import { createTraceChart } from './chart.js';
import { createFrameGrabber, timedGrab, webCodecsWorks, withFallback, type FrameGrabber } from './grabber.js';
import { SEARCH_EVERY, SEARCH_MAX_SIDE, type FromMatcher, type PixelFormat, type FromTracker, type SourceKind, type ToMatcher, type ToTracker } from './protocol.js';
import { cameraErrorMessage, createDiagnosisView } from './view.js';

// ---- per-frame timing, readable by scripts/bench-web.mjs -----------------------------------------

interface FrameStat {
  index: number;
  /** The frame's time (ms from the session's first frame). */
  tMs: number;
  kind: 'search' | 'crop';
  /** How the pixels came: RGBA (canvas or a crop copy) or the camera's YUV planes (search). */
  format: PixelFormat;
  /** Main thread: from asking for the pixels until they are in hand (copyTo, or drawImage + getImageData). */
  grabMs: number;
  /** Tracker worker: YUV shrink + search, or track + measure. */
  workMs: number;
  /** Of which the YUV shrink. */
  shrinkMs: number;
}

/** The matcher worker's time (it runs beside the tracker: its share per frame is total / samples). */
interface MatcherStats {
  samples: number;
  totalMs: number;
  /** Each re-analysis of the window (bounded list): its time and the seconds of samples it read. */
  analyses: { ms: number; windowS: number }[];
}

interface LedscopeStats {
  source: SourceKind | null;
  /** How pixels are read: WebCodecs copyTo or a canvas. */
  grabMethod: 'webcodecs' | 'canvas' | null;
  videoWidth: number;
  videoHeight: number;
  state: 'idle' | 'searching' | 'tracking';
  /** Where the LED is now (displayed px), null while searching. */
  led: { x: number; y: number; radius: number } | null;
  framesSent: number;
  /** Longer side of the search frames, and one camera frame in how many is searched. */
  searchMaxSide: number;
  searchEvery: number;
  /** Camera frames presented while searching, and of those the ones not searched (one in `SEARCH_EVERY` is). */
  searchFramesSeen: number;
  searchFramesPassed: number;
  /** Frames skipped because the worker was too far behind. */
  framesSkipped: number;
  /** Frames the browser presented without calling us (rVFC `presentedFrames` gaps). */
  framesMissed: number;
  samples: number;
  /** The most recent frames (bounded). */
  perFrame: FrameStat[];
  matcher: MatcherStats;
}

declare global {
  interface Window {
    __ledscopeStats: LedscopeStats;
  }
}

const stats: LedscopeStats = {
  source: null,
  grabMethod: null,
  videoWidth: 0,
  videoHeight: 0,
  state: 'idle',
  led: null,
  framesSent: 0,
  searchMaxSide: 0,
  searchEvery: 0,
  searchFramesSeen: 0,
  searchFramesPassed: 0,
  framesSkipped: 0,
  framesMissed: 0,
  samples: 0,
  perFrame: [],
  matcher: { samples: 0, totalMs: 0, analyses: [] },
};
window.__ledscopeStats = stats;
const MAX_STATS = 5000;

// ---- elements ----------------------------------------------------------------------------------------

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const video = byId<HTMLVideoElement>('video');
const overlay = byId<HTMLCanvasElement>('overlay');
const stage = byId<HTMLDivElement>('stage');
const placeholder = byId<HTMLDivElement>('placeholder');
const statusEl = byId<HTMLDivElement>('status');
const cameraSelect = byId<HTMLSelectElement>('camera');
const deviceSelect = byId<HTMLSelectElement>('device');
const startBtn = byId<HTMLButtonElement>('start');
const stopBtn = byId<HTMLButtonElement>('stop');
const autoBtn = byId<HTMLButtonElement>('auto');
const fileInput = byId<HTMLInputElement>('file');
const errorBox = byId<HTMLDivElement>('camera-error');
const dropVeil = byId<HTMLDivElement>('drop');
const perfEl = byId<HTMLSpanElement>('perf');

const view = createDiagnosisView();
const chart = createTraceChart(byId<HTMLCanvasElement>('chart'));

/**
 * Search size and rate: the defaults, or others for `scripts/bench-web.mjs` to compare
 * (`?searchSide=320&searchEvery=2`).
 */
const pageParams = new URLSearchParams(location.search);
const searchMaxSide = Math.max(64, Number(pageParams.get('searchSide')) || SEARCH_MAX_SIDE);
const searchEvery = Math.max(1, Math.round(Number(pageParams.get('searchEvery')) || SEARCH_EVERY));

// ---- workers -----------------------------------------------------------------------------------------

const trackerWorker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const matcherWorker = new Worker(new URL('./matcher-worker.ts', import.meta.url), { type: 'module' });
const toTracker = (message: ToTracker, transfer: Transferable[] = []) => trackerWorker.postMessage(message, transfer);
const toMatcher = (message: ToMatcher) => matcherWorker.postMessage(message);

// ---- session state -----------------------------------------------------------------------------------

let session = 0;
let source: SourceKind | null = null;
let stream: MediaStream | null = null;
let objectUrl: string | null = null;
let grabber: FrameGrabber | null = null;
let grabMethod: 'webcodecs' | 'canvas' | null = null;
/** Frames are posted to the worker in the order they were shown, whatever order their copies finish. */
let postChain: Promise<void> = Promise.resolve();
let videoW = 0;
let videoH = 0;
let trackerState: 'searching' | 'tracking' = 'searching';
let position: { x: number; y: number; radius: number } | null = null;
let nextCrop: Region | null = null;
let atPoint: { x: number; y: number } | null = null;
let frameIndex = 0;
/** Counts camera frames while searching: one in `SEARCH_EVERY` is searched. */
let searchTurn = 0;
let firstT = NaN;
let lastT = -Infinity;
let inFlight = 0;
let failedSearches = 0;
const pending = new Map<number, { kind: 'search' | 'crop'; format: PixelFormat; grabMs: number; tMs: number }>();
let loopHandle = 0;
/** A clip is played again from its start once the LED is found (its first seconds went to the search). */
let rewound = false;

/** Frames the worker may be behind before new ones are skipped (a live camera can lose frames; the
 * timestamps say which). */
const MAX_IN_FLIGHT = 30;
/**
 * A clip is not live: when the worker falls behind (a slow machine, the search's first seconds) the
 * clip pauses until it catches up, so every frame it shows is measured, as `diagnose` would.
 */
const FILE_PAUSE_AT = 6;
let pausedForWorker = false;
let lastPresented = -1;

function setStatus(text: string, tone: 'info' | 'ok' | 'warn' = 'info'): void {
  statusEl.textContent = text;
  statusEl.dataset.tone = tone;
  statusEl.hidden = text === '';
}

function clearError(): void {
  errorBox.hidden = true;
  errorBox.textContent = '';
  delete errorBox.dataset.error;
}

function showError(name: string, text: string): void {
  errorBox.hidden = false;
  errorBox.dataset.error = name;
  errorBox.textContent = text;
}

function stopSource(): void {
  session++;
  if (loopHandle && 'cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(loopHandle);
  loopHandle = 0;
  if (stream) for (const t of stream.getTracks()) t.stop();
  stream = null;
  video.pause();
  video.srcObject = null;
  if (objectUrl) {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  }
  source = null;
  grabMethod = null;
  stats.source = null;
  stats.state = 'idle';
  stopBtn.disabled = true;
  autoBtn.disabled = true;
  placeholder.hidden = false;
  setStatus('');
  drawOverlay();
}

/** A new analysis of the current source (start, click-to-select, or a new search). */
function beginSession(kind: SourceKind, at: { x: number; y: number } | null): void {
  session++;
  source = kind;
  videoW = video.videoWidth;
  videoH = video.videoHeight;
  const method = grabMethod ?? 'canvas';
  const mySession = session;
  grabber = withFallback(createFrameGrabber(videoW, videoH, method, searchMaxSide), videoW, videoH, searchMaxSide, () => {
    grabMethod = 'canvas';
    if (mySession === session) stats.grabMethod = 'canvas';
  });
  stats.grabMethod = method;
  trackerState = 'searching';
  position = null;
  nextCrop = null;
  atPoint = at;
  frameIndex = 0;
  searchTurn = 0;
  firstT = NaN;
  lastT = -Infinity;
  inFlight = 0;
  failedSearches = 0;
  pending.clear();
  postChain = Promise.resolve();
  rewound = false;
  pausedForWorker = false;
  Object.assign(stats, { source: kind, videoWidth: videoW, videoHeight: videoH, state: 'searching', led: null, framesSent: 0, searchMaxSide, searchEvery, searchFramesSeen: 0, searchFramesPassed: 0, framesSkipped: 0, framesMissed: 0, samples: 0, perFrame: [], matcher: { samples: 0, totalMs: 0, analyses: [] } });
  lastPresented = -1;
  chart.clear();
  chart.draw();
  view.setState('searching');
  const reset = { type: 'reset', session, source: kind, width: videoW, height: videoH, at, searchMaxSide } as const;
  toTracker(reset);
  toMatcher(reset);
  placeholder.hidden = true;
  stopBtn.disabled = false;
  autoBtn.disabled = at === null;
  setStatus(at ? 'Reading the LED you clicked…' : 'Looking for the status LED…');
  if (loopHandle && 'cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(loopHandle);
  loopHandle = video.requestVideoFrameCallback(onVideoFrame);
}

/** Picks how pixels are read for this source, once: WebCodecs when it works here, else a canvas. */
async function chooseGrabMethod(): Promise<void> {
  const forced = new URLSearchParams(location.search).get('grab');
  grabMethod = forced === 'canvas' ? 'canvas' : (await webCodecsWorks(video)) ? 'webcodecs' : 'canvas';
}

/** The frame's own time: capture time for a camera, media time for a clip. */
function frameTimeMs(meta: VideoFrameCallbackMetadata): number {
  if (source === 'camera' && typeof meta.captureTime === 'number' && meta.captureTime > 0) return meta.captureTime;
  return meta.mediaTime * 1000;
}

function onVideoFrame(_now: DOMHighResTimeStamp, meta: VideoFrameCallbackMetadata): void {
  const mySession = session;
  loopHandle = video.requestVideoFrameCallback(onVideoFrame);
  if (!grabber || source === null) return;
  if (video.videoWidth !== videoW || video.videoHeight !== videoH) {
    // the camera changed resolution: everything measured so far is in the old geometry
    beginSession(source, null);
    return;
  }
  if (lastPresented >= 0 && meta.presentedFrames > lastPresented + 1) stats.framesMissed += meta.presentedFrames - lastPresented - 1;
  lastPresented = meta.presentedFrames;
  const tAbs = frameTimeMs(meta);
  // a clip's media time already counts from its start; a camera's clock from anywhere
  if (Number.isNaN(firstT)) firstT = source === 'file' ? 0 : tAbs;
  const t = tAbs - firstT;
  if (!(t > lastT)) return;
  lastT = t;
  if (inFlight >= MAX_IN_FLIGHT) {
    stats.framesSkipped++;
    return;
  }
  if (trackerState === 'searching') {
    stats.searchFramesSeen++;
    if (searchTurn++ % searchEvery !== 0) {
      stats.searchFramesPassed++;
      return;
    }
  }
  const index = frameIndex++;
  const crop = trackerState === 'tracking' ? nextCrop : null;
  // the grab starts now (the video shows this frame now); its copy may finish later
  const grabbed = timedGrab(grabber, video, { session: mySession, index, timestampMs: t, crop });
  inFlight++;
  stats.framesSent++;
  if (source === 'file' && inFlight >= FILE_PAUSE_AT && !video.paused) {
    pausedForWorker = true;
    video.pause();
  }
  postChain = postChain
    .then(() => grabbed)
    .then(({ message, grabMs }) => {
      if (mySession !== session) return;
      pending.set(index, { kind: message.kind, format: message.format ?? 'RGBA', grabMs, tMs: message.timestampMs });
      toTracker(message, [message.data]);
    })
    .catch((error: unknown) => {
      if (mySession !== session) return;
      inFlight = Math.max(0, inFlight - 1);
      showError('grab', `Could not read the video's pixels: ${error instanceof Error ? error.message : String(error)}`);
    });
  if (source === 'file' && video.duration > 0) setProgress(video.currentTime, video.duration);
}

let progressText = '';
function setProgress(atS: number, totalS: number): void {
  progressText = `clip ${atS.toFixed(1)} / ${totalS.toFixed(1)} s`;
}

// ---- worker replies -----------------------------------------------------------------------------------

trackerWorker.onmessage = (event: MessageEvent<FromTracker>) => {
  const m = event.data;
  if (m.type === 'error') {
    showError('internal', `The analysis stopped: ${m.message}. Reload the page to try again.`);
    return;
  }
  if (m.recycled) grabber?.recycle(m.recycled);
  if (m.session !== session) return;
  inFlight = Math.max(0, inFlight - 1);
  if (pausedForWorker && inFlight <= 1 && source === 'file') {
    pausedForWorker = false;
    // paused on its last frame, play() would start the clip over: it is finished instead
    if (video.duration > 0 && video.currentTime >= video.duration - 0.001) finishWhenIdle();
    else void video.play().catch(() => undefined);
  }
  const p = pending.get(m.index);
  pending.delete(m.index);
  if (p) {
    stats.perFrame.push({ index: m.index, tMs: p.tMs, kind: p.kind, format: p.format, grabMs: p.grabMs, workMs: m.workMs, shrinkMs: m.shrinkMs });
    if (stats.perFrame.length > MAX_STATS) stats.perFrame.splice(0, stats.perFrame.length - MAX_STATS);
  }
  const wasSearching = trackerState === 'searching';
  trackerState = m.state;
  stats.state = m.state;
  position = m.position;
  stats.led = m.position;
  nextCrop = m.nextCrop;
  if (m.failedSearches > failedSearches) {
    failedSearches = m.failedSearches;
    setStatus('No LED found yet — move closer, hold still, or click the LED on the picture.', 'warn');
  }
  if (m.sample) {
    stats.samples++;
    chart.add(m.sample);
    // in frame order: this thread also sends the matcher its control messages
    toMatcher({ type: 'sample', session, sample: m.sample });
  }
  if (wasSearching && m.state === 'tracking') {
    setStatus(atPoint ? 'Tracking the LED you clicked' : 'LED found — tracking it', 'ok');
    autoBtn.disabled = false;
    view.setState('watching');
    if (source === 'file' && !rewound && video.currentTime > 0.2) rewindClip();
  }
};

matcherWorker.onmessage = (event: MessageEvent<FromMatcher>) => {
  const m = event.data;
  if (m.type === 'error') {
    showError('internal', `The analysis stopped: ${m.message}. Reload the page to try again.`);
    return;
  }
  if (m.session !== session) return;
  if (m.cost) {
    const s = stats.matcher;
    s.samples = m.cost.samples;
    s.totalMs = m.cost.totalMs;
    s.analyses.push({ ms: m.cost.analysisMs, windowS: m.cost.windowS });
    if (s.analyses.length > MAX_STATS) s.analyses.splice(0, s.analyses.length - MAX_STATS);
  }
  if (m.final && !m.confirmed) {
    view.setState('no-led', 'No status LED was found in this clip. Film the LED closer and steadier, or click the LED on the picture to read that spot.');
    return;
  }
  view.show(m);
};

/** Play the clip again from 0 with the LED already found, so its whole length is measured. */
function rewindClip(): void {
  rewound = true;
  session++;
  inFlight = 0;
  pausedForWorker = false;
  pending.clear();
  postChain = Promise.resolve();
  lastT = -Infinity;
  stats.samples = 0;
  chart.clear();
  toTracker({ type: 'rewind', session });
  toMatcher({ type: 'rewind', session });
  video.currentTime = 0;
  void video.play().catch(() => undefined);
}

// ---- drawing loop (overlay ring, trace, figures) -------------------------------------------------------

/** Where the video's picture sits inside the stage (object-fit: contain). */
function contentRect(): { x: number; y: number; scale: number } {
  const cw = stage.clientWidth, ch = stage.clientHeight;
  if (!videoW || !videoH) return { x: 0, y: 0, scale: 1 };
  const scale = Math.min(cw / videoW, ch / videoH);
  return { x: (cw - videoW * scale) / 2, y: (ch - videoH * scale) / 2, scale };
}

let overlayKey = '';
function drawOverlay(): void {
  const dpr = window.devicePixelRatio || 1;
  const cw = stage.clientWidth, ch = stage.clientHeight;
  const key = `${source}|${cw}x${ch}@${dpr}|${trackerState}|${position ? `${position.x.toFixed(1)},${position.y.toFixed(1)},${position.radius.toFixed(1)}` : '-'}|${atPoint ? `${atPoint.x},${atPoint.y}` : '-'}`;
  if (key === overlayKey) return;
  overlayKey = key;
  if (overlay.width !== Math.round(cw * dpr) || overlay.height !== Math.round(ch * dpr)) {
    overlay.width = Math.round(cw * dpr);
    overlay.height = Math.round(ch * dpr);
  }
  const ctx = overlay.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cw, ch);
  if (source === null) return;
  const r = contentRect();
  if (atPoint && trackerState === 'searching') {
    const x = r.x + atPoint.x * r.scale, y = r.y + atPoint.y * r.scale;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.arc(x, y, 18, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (position && trackerState === 'tracking') {
    const x = r.x + position.x * r.scale, y = r.y + position.y * r.scale;
    const rad = Math.max(12, position.radius * r.scale * 2.2);
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(0,0,0,0.55)';
    ctx.beginPath();
    ctx.arc(x, y, rad + 1.5, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffd54a';
    ctx.beginPath();
    ctx.arc(x, y, rad, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.font = '600 12px system-ui, sans-serif';
    const label = atPoint ? 'LED (yours)' : 'LED';
    const tw = ctx.measureText(label).width;
    const lx = Math.min(cw - tw - 10, x + rad + 6), ly = Math.max(16, y - rad);
    ctx.fillStyle = 'rgba(0,0,0,0.6)';
    ctx.fillRect(lx - 4, ly - 12, tw + 8, 17);
    ctx.fillStyle = '#ffd54a';
    ctx.fillText(label, lx, ly);
  }
}

/** Mean per-frame cost (grab + worker) of the most recent frames of one kind. */
function recentMeanMs(kind: 'search' | 'crop', n = 60): number | null {
  const rows: FrameStat[] = [];
  for (let i = stats.perFrame.length - 1; i >= 0 && rows.length < n; i--) if (stats.perFrame[i].kind === kind) rows.push(stats.perFrame[i]);
  return rows.length ? rows.reduce((s, f) => s + f.grabMs + f.workMs, 0) / rows.length : null;
}

let lastChartMs = 0;
function tick(now: number): void {
  drawOverlay();
  // the trace and the figures need not follow every display frame: leave the CPU to the analysis
  if (now - lastChartMs >= 100) {
    lastChartMs = now;
    chart.draw();
    if (source !== null) {
      const search = recentMeanMs('search');
      const track = recentMeanMs('crop');
      const m = stats.matcher;
      // the matcher's share per frame: its worker's time so far over the samples it was given
      const match = m.samples > 0 ? m.totalMs / m.samples : null;
      const parts = [
        search !== null ? `search ${search.toFixed(1)} ms (1 frame in ${searchEvery})` : '',
        track !== null ? `tracking ${track.toFixed(1)} ms` : '',
        match !== null ? `matcher ${match.toFixed(1)} ms` : '',
      ].filter((x) => x);
      perfEl.textContent =
        `${videoW}×${videoH} · per frame: ${parts.length ? parts.join(', ') : '—'}` +
        `${stats.framesSkipped ? ` · ${stats.framesSkipped} frames skipped` : ''}` +
        `${source === 'file' && progressText ? ` · ${progressText}` : ''}`;
    } else perfEl.textContent = '';
  }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

// ---- camera ----------------------------------------------------------------------------------------------

async function listCameras(): Promise<void> {
  if (!navigator.mediaDevices?.enumerateDevices) return;
  const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  const current = cameraSelect.value;
  cameraSelect.replaceChildren(
    Object.assign(document.createElement('option'), { value: '', textContent: 'Default camera' }),
    ...devices.map((d, i) => Object.assign(document.createElement('option'), { value: d.deviceId, textContent: d.label || `Camera ${i + 1}` })),
  );
  if ([...cameraSelect.options].some((o) => o.value === current)) cameraSelect.value = current;
}

/** Until the video has its size and a first picture (WebCodecs needs a frame to copy). */
async function waitForFirstFrame(): Promise<void> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) return;
  await new Promise<void>((resolve, reject) => {
    const ok = () => {
      cleanup();
      resolve();
    };
    const bad = () => {
      cleanup();
      reject(new Error('the browser cannot decode this video'));
    };
    const cleanup = () => {
      video.removeEventListener('loadeddata', ok);
      video.removeEventListener('error', bad);
    };
    video.addEventListener('loadeddata', ok);
    video.addEventListener('error', bad);
  });
}

async function startCamera(): Promise<void> {
  clearError();
  stopSource();
  if (!navigator.mediaDevices?.getUserMedia) {
    const e = cameraErrorMessage(Object.assign(new Error('no camera API'), { name: 'InsecureContext' }));
    showError(e.name, e.text);
    return;
  }
  const deviceId = cameraSelect.value;
  startBtn.disabled = true;
  setStatus('Asking for the camera…');
  placeholder.hidden = true;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: 1280 },
        height: { ideal: 720 },
        frameRate: { ideal: 30 },
      },
    });
  } catch (error) {
    const e = cameraErrorMessage(error);
    showError(e.name, e.text);
    setStatus('');
    placeholder.hidden = false;
    startBtn.disabled = false;
    return;
  } finally {
    startBtn.disabled = false;
  }
  const track = stream.getVideoTracks()[0];
  track?.addEventListener('ended', () => {
    if (stream?.getVideoTracks()[0] !== track) return;
    showError('ended', 'The camera stopped (unplugged, or taken by another application). Press Start camera to try again.');
    stopSource();
  });
  video.srcObject = stream;
  video.muted = true;
  try {
    await video.play();
    await waitForFirstFrame();
  } catch (error) {
    const e = cameraErrorMessage(error);
    showError(e.name, e.text);
    stopSource();
    return;
  }
  void listCameras();
  await chooseGrabMethod();
  beginSession('camera', null);
}

// ---- a clip file: dropped or picked ---------------------------------------------------------------------

async function openClip(file: File): Promise<void> {
  clearError();
  stopSource();
  objectUrl = URL.createObjectURL(file);
  video.srcObject = null;
  video.src = objectUrl;
  video.muted = true;
  try {
    await waitForFirstFrame();
  } catch {
    showError('decode', `This browser cannot play "${file.name}". Try an MP4 (H.264) or WebM clip, or use \`ledscope diagnose ${file.name}\`.`);
    stopSource();
    return;
  }
  await chooseGrabMethod();
  beginSession('file', null);
  await video.play().catch(() => undefined);
}

/** The clip is over: once the worker has every frame, ask for the whole-clip diagnosis. */
function finishWhenIdle(): void {
  if (source !== 'file') return;
  const mySession = session;
  // let the last frames reach the worker before the whole-clip analysis
  const waitIdle = () => {
    if (mySession !== session) return;
    if (inFlight > 0) {
      setTimeout(waitIdle, 20);
      return;
    }
    setStatus('Clip finished — whole-clip diagnosis below', 'ok');
    toMatcher({ type: 'finish', session });
  };
  waitIdle();
}
video.addEventListener('ended', finishWhenIdle);

// ---- controls --------------------------------------------------------------------------------------------

for (const id of DEVICE_IDS) {
  deviceSelect.append(Object.assign(document.createElement('option'), { value: id, textContent: DEVICE_NAMES[id] }));
}
function readDevice(): DeviceId | null {
  const v = deviceSelect.value;
  return (DEVICE_IDS as readonly string[]).includes(v) ? (v as DeviceId) : null;
}
const fromUrl = new URLSearchParams(location.search).get('device');
let saved: string | null = null;
try {
  saved = localStorage.getItem('ledscope.device');
} catch {
  saved = null;
}
deviceSelect.value = fromUrl && (DEVICE_IDS as readonly string[]).includes(fromUrl) ? fromUrl : saved && (DEVICE_IDS as readonly string[]).includes(saved) ? saved : '';
toMatcher({ type: 'device', device: readDevice() });
deviceSelect.addEventListener('change', () => {
  try {
    localStorage.setItem('ledscope.device', deviceSelect.value);
  } catch {
    // private mode: the choice lasts this visit only
  }
  if (source !== null) view.reconsider();
  toMatcher({ type: 'device', device: readDevice() });
});

startBtn.addEventListener('click', () => void startCamera());
stopBtn.addEventListener('click', () => {
  stopSource();
  view.reset();
});
cameraSelect.addEventListener('change', () => {
  if (source === 'camera') void startCamera();
});
autoBtn.addEventListener('click', () => {
  if (source === null) return;
  if (source === 'file') video.currentTime = 0;
  beginSession(source, null);
  if (source === 'file') void video.play();
});

// click the LED on the picture: the tracker starts over at that point
stage.addEventListener('click', (event) => {
  if (source === null || !videoW) return;
  const rect = stage.getBoundingClientRect();
  const r = contentRect();
  // the video fills the stage's padding box (inside its border)
  const x = (event.clientX - rect.left - stage.clientLeft - r.x) / r.scale;
  const y = (event.clientY - rect.top - stage.clientTop - r.y) / r.scale;
  if (x < 0 || y < 0 || x >= videoW || y >= videoH) return;
  const kind = source;
  if (kind === 'file') video.currentTime = 0;
  beginSession(kind, { x, y });
  if (kind === 'file') void video.play();
});

fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) void openClip(f);
  fileInput.value = '';
});

let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  dropVeil.hidden = false;
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropVeil.hidden = true;
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  dropVeil.hidden = true;
  const f = e.dataTransfer?.files?.[0];
  if (f) void openClip(f);
});

if (navigator.mediaDevices?.addEventListener) navigator.mediaDevices.addEventListener('devicechange', () => void listCameras());
void listCameras();
view.setState('idle');
