/**
 * Sounds the desktop makes itself: the ring (on the ringer device AND the speaker/headset at once, so an
 * agent with the headset on and one with it on the desk both hear it) and the test tone in settings.
 * Generated with Web Audio and played through <audio> elements, because only a media element can be sent
 * to a chosen output device (setSinkId) everywhere Chromium runs.
 */
import { setSink } from './mediaEngine';

/** North American ring: 440 + 480 Hz, two seconds on, four off. */
const RING = { frequencies: [440, 480], onSeconds: 2, periodSeconds: 6, level: 0.15 };

export type Sound = { stop(): void };

/** The distinct output devices to play on (undefined = the system default), each once. */
export function distinctSinks(sinks: readonly (string | undefined)[]): (string | undefined)[] {
  return [...new Set(sinks)];
}

function play(build: (context: AudioContext, out: AudioNode) => void, sinks: readonly (string | undefined)[]): Sound {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  build(context, destination);
  const elements = distinctSinks(sinks).map((sink) => {
    const element = new Audio();
    element.srcObject = destination.stream;
    void setSink(element, sink)
      .then(() => element.play())
      .catch(() => undefined); // an output that vanished: the other sinks still ring
    return element;
  });
  return {
    stop() {
      for (const element of elements) element.pause();
      // Silence now; tear the graph down when the thread is idle: stopping a ring is part of accepting a
      // call, and closing an audio context costs milliseconds the call's setup needs (docs/softphone.md).
      whenIdle(() => {
        for (const element of elements) element.srcObject = null;
        void context.close();
      });
    },
  };
}

function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 500);
}

/** Rings until stopped, on every given output at once. */
export function startRinging(sinks: readonly (string | undefined)[]): Sound {
  return play((context, out) => {
    const gain = context.createGain();
    gain.gain.value = 0;
    for (const frequency of RING.frequencies) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
    }
    gain.connect(out);
    // Schedule an hour of cadence up front: the ring is stopped long before (offer timeouts are seconds).
    const start = context.currentTime + 0.05;
    for (let t = 0; t < 3600; t += RING.periodSeconds) {
      gain.gain.setValueAtTime(RING.level, start + t);
      gain.gain.setValueAtTime(0, start + t + RING.onSeconds);
    }
  }, sinks);
}

/** A 1.5-second 440 Hz tone, for "can I hear this speaker". */
export function playTestTone(sink: string | undefined): Sound {
  const sound = play((context, out) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 440;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(out);
    oscillator.start();
    oscillator.stop(context.currentTime + 1.5);
  }, [sink]);
  const timer = setTimeout(() => sound.stop(), 1700);
  return {
    stop() {
      clearTimeout(timer);
      sound.stop();
    },
  };
}

/**
 * An AudioContext for the microphone check, made and resumed in the click's own turn: made after an awaited
 * getUserMedia (a permission prompt, a slow device) the click's activation may have lapsed, the context then
 * stays suspended, its analyser reads silence, and the meter sits at zero while the agent speaks.
 */
export function audioContextForClick(): AudioContext {
  const context = new AudioContext();
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

/**
 * The microphone's level, 0 to 1, read `onLevel` about 25 times a second until stopped. RMS of the
 * loudest moment of the last third of a second, scaled so normal speech sits mid-scale.
 */
export function meterMicrophone(stream: MediaStream, onLevel: (level: number) => void, context: AudioContext): Sound {
  const analyser = context.createAnalyser();
  // The last 16384 samples (≈ 1/3 s at 48 kHz), read every 40 ms; the level is that of its loudest 1024-sample
  // block (≈ 21 ms). A short sound stays in view for a third of a second, so it is not missed when the timer
  // runs late (a busy or throttled page: a 43 ms window can miss every 20 ms beep of a test microphone),
  // and the meter still moves like speech, not like a third of a second's average.
  analyser.fftSize = 16384;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    // Still suspended (no activation reached it): ask again, as the next user gesture may allow it.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    analyser.getFloatTimeDomainData(samples);
    onLevel(Math.min(1, loudestBlockRms(samples, 1024) * 4));
  }, 40);
  return {
    stop() {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    },
  };
}

/** The RMS of the loudest `block`-sample block of `samples`. */
function loudestBlockRms(samples: Float32Array, block: number): number {
  let loudest = 0;
  for (let start = 0; start < samples.length; start += block) {
    let sum = 0;
    const end = Math.min(samples.length, start + block);
    for (let i = start; i < end; i++) sum += samples[i] * samples[i];
    loudest = Math.max(loudest, sum / (end - start));
  }
  return Math.sqrt(loudest);
}
