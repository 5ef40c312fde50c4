/**
 * The diagnosis card, the timeline list and the camera messages: DOM updates only. The card's
 * `data-mode` / `data-code` attributes are the page's test contract (mode id; code empty when null).
 */
import type { ColorName } from '../catalog/types.js';
import type { CardInfo, DiagnosisUpdate, TimelineItem } from './protocol.js';

/** Screen colours of the contract colour names. */
const SWATCH: Record<ColorName, string> = {
  red: '#ff2a2a',
  orange: '#ff8c00',
  yellow: '#ffe600',
  green: '#19d419',
  cyan: '#00e0e0',
  blue: '#3a66ff',
  magenta: '#ff2aff',
  white: '#f4f4f4',
};

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el as T;
};

export type CardState = 'idle' | 'searching' | 'watching' | 'confirmed' | 'final' | 'no-led';

function title(card: CardInfo): string {
  if (card.mode === 'unknown') return 'Not recognised';
  let name = card.name || card.mode;
  // modes whose colour is a parameter (solid, Tracker states) name it
  if (card.color && !name.toLowerCase().includes(card.color)) name = `${name} (${card.color})`;
  if (card.code === null) return name;
  return card.mode === 'signal-strength' ? `${name}: ${card.code} bar${card.code === 1 ? '' : 's'}` : `${name} — code ${card.code}`;
}

function evidenceLine(card: CardInfo, update: DiagnosisUpdate, withNotes: boolean): string {
  const parts: string[] = [];
  if (card.periodMs) parts.push(`period ${Math.round(card.periodMs)} ms`);
  if (card.fps) parts.push(`${card.fps.toFixed(0)} fps`);
  parts.push(`seen ${Math.max(0, card.startS).toFixed(1)}–${Math.max(0, card.endS).toFixed(1)} s`);
  parts.push(`${update.evidenceS.toFixed(0)} s of evidence`);
  const notes = withNotes ? card.notes.filter((n) => n.length < 90).slice(0, 2) : [];
  return parts.join(' · ') + (notes.length ? ` · ${notes.join('; ')}` : '');
}

export interface DiagnosisView {
  setState(state: CardState, message?: string): void;
  /** The evidence is being re-read (another device): the next update replaces the card, whatever it says. */
  reconsider(): void;
  show(update: DiagnosisUpdate): void;
  reset(): void;
}

export function createDiagnosisView(): DiagnosisView {
  const root = $('diagnosis');
  const kicker = $('card-kicker');
  const heading = $('card-title');
  const meaning = $('card-meaning');
  const advice = $('card-advice');
  const evidence = $('card-evidence');
  const swatch = $('swatch');
  const bar = $('confidence-bar');
  const confText = $('confidence-text');
  const timeline = $('timeline');
  let state: CardState = 'idle';

  function paint(card: CardInfo | null, tentative: boolean): void {
    root.classList.toggle('tentative', tentative);
    if (!card) return;
    heading.textContent = title(card);
    meaning.textContent = card.meaning;
    advice.textContent = card.advice;
    swatch.style.background = card.color ? SWATCH[card.color] : card.mode === 'off' ? '#222' : '#555';
    const pct = Math.round(card.confidence * 100);
    bar.style.width = `${pct}%`;
    confText.textContent = tentative ? `${pct}% (still watching)` : `${pct}% confident`;
  }

  function setTimeline(items: TimelineItem[]): void {
    timeline.replaceChildren(
      ...items.map((it) => {
        const li = document.createElement('li');
        const dot = document.createElement('span');
        dot.className = 'dot';
        dot.style.background = it.color ? SWATCH[it.color] : '#555';
        const label = document.createElement('span');
        label.className = 'label';
        const name = it.mode === 'unknown' ? 'unrecognised' : it.name || it.mode;
        label.textContent = it.code !== null ? `${name} (${it.code})` : name;
        const when = document.createElement('span');
        when.className = 'when';
        when.textContent = `${Math.max(0, it.startS).toFixed(1)}–${Math.max(0, it.endS).toFixed(1)} s`;
        li.append(dot, label, when);
        if (!it.sufficient) li.classList.add('short');
        return li;
      }),
    );
  }

  function setContract(card: CardInfo | null): void {
    root.dataset.mode = card ? card.mode : '';
    root.dataset.code = card && card.code !== null ? String(card.code) : '';
    root.dataset.color = card && card.color ? card.color : '';
  }

  return {
    setState(next, message) {
      state = next;
      root.dataset.state = next;
      root.classList.toggle('waiting', next !== 'confirmed' && next !== 'final');
      if (next === 'idle' || next === 'searching' || next === 'no-led') {
        const text: Record<string, [string, string, string]> = {
          idle: ['Waiting for video', 'No diagnosis yet', 'Point the camera at the status LED and keep it steady for about 10 seconds (20–30 s for a red SOS).'],
          searching: ['Looking for the LED…', 'Finding the status LED', 'Hold the device still with the LED in view. If another light is picked, click the LED on the picture.'],
          'no-led': ['No LED found', 'No status LED found', 'Move closer, hold the camera still, or click the LED on the picture.'],
        };
        const [k, h, m] = text[next];
        kicker.textContent = k;
        heading.textContent = h;
        meaning.textContent = message ?? m;
        advice.textContent = '—';
        evidence.textContent = '';
        swatch.style.background = '#333';
        bar.style.width = '0%';
        confText.textContent = '—';
        setContract(null);
        if (next !== 'searching') setTimeline([]);
      }
    },
    show(update) {
      setTimeline(update.timeline);
      if (update.final) {
        state = 'final';
        root.dataset.state = 'final';
        root.classList.remove('waiting');
        kicker.textContent = 'Diagnosis of the whole clip';
        setContract(update.confirmed);
        paint(update.confirmed, false);
        if (update.confirmed) evidence.textContent = evidenceLine(update.confirmed, update, false);
        return;
      }
      if (update.confirmed) {
        state = 'confirmed';
        root.dataset.state = 'confirmed';
        root.classList.remove('waiting');
        kicker.textContent = update.confirmed.reason === 'fault' ? 'Fault seen' : 'Diagnosis';
        setContract(update.confirmed);
        paint(update.confirmed, false);
        evidence.textContent = evidenceLine(update.confirmed, update, false);
      } else if (update.tentative) {
        // the matcher no longer stands behind a state (the LED changed, or the evidence thinned):
        // say what it sees now rather than keep an answer it dropped
        state = 'watching';
        root.dataset.state = 'watching';
        root.classList.add('waiting');
        kicker.textContent = `Watching… ${update.evidenceS.toFixed(0)} s so far`;
        setContract(null);
        if (update.tentative.mode === 'unknown') {
          heading.textContent = 'Watching the LED';
          meaning.textContent = 'Not enough of the pattern yet. Keep the LED steady in view.';
          advice.textContent = '—';
          swatch.style.background = '#333';
          bar.style.width = '0%';
          confText.textContent = '—';
          root.classList.add('tentative');
        } else paint(update.tentative, true);
        evidence.textContent = evidenceLine(update.tentative, update, true);
      }
    },
    reconsider() {
      if (state === 'confirmed' || state === 'final') {
        state = 'watching';
        setContract(null);
      }
    },
    reset() {
      state = 'idle';
      this.setState('idle');
    },
  };
}

/** One clear sentence for each way the camera can fail. */
export function cameraErrorMessage(error: unknown): { name: string; text: string } {
  const name = error instanceof DOMException || error instanceof Error ? error.name : 'Error';
  const clip = 'You can still drop a video clip onto this page: it is decoded here, nothing is uploaded.';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        name,
        text: `Camera access was refused. Allow the camera for this page (the camera icon in the address bar, or the browser's site settings), then press Start camera again. ${clip}`,
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { name, text: `No camera was found. Plug in a webcam (or pick another one above) and press Start camera again. ${clip}` };
    case 'NotReadableError':
    case 'AbortError':
      return { name, text: `The camera could not be started: another application may be using it. Close it and press Start camera again. ${clip}` };
    case 'InsecureContext':
      return { name, text: `The browser only offers the camera to secure pages: open this page at http://127.0.0.1 or http://localhost (as \`ledscope serve\` prints). ${clip}` };
    default:
      return { name, text: `The camera failed: ${error instanceof Error ? error.message : String(error)}. ${clip}` };
  }
}
