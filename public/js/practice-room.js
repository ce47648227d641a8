// The practice room's recorder: microphone → MediaRecorder (and, with camera analysis on, a JPEG
// frame every 500 ms) → upload, retried until the server has it. The typed-answer form below stays
// available whenever recording is impossible.
document.addEventListener('DOMContentLoaded', () => {
  const root = document.querySelector('[data-recorder]');
  if (!root) return;
  const startButton = root.querySelector('[data-action="start"]');
  const stopButton = root.querySelector('[data-action="stop"]');
  const timer = root.querySelector('[data-timer]');
  const status = root.querySelector('[data-status]');
  const typeInstead = document.querySelector('[data-type-instead]');
  const preview = root.querySelector('[data-preview]');
  const wantCamera = root.hasAttribute('data-camera');
  const FRAME_MS = 500;
  const FRAME_WIDTH = 640;
  const maxSeconds = Number(root.dataset.maxSeconds) || 180;
  const maxBytes = Number(root.dataset.maxBytes) || 25 * 1024 * 1024;
  const thinkingSeconds = Number(root.dataset.thinkingSeconds) || 0;
  const thinking = root.querySelector('[data-thinking]');
  const say = (text) => (status.textContent = text);
  const offerTyping = () => {
    if (typeInstead) typeInstead.open = true;
  };

  const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];
  const mimeType = window.MediaRecorder ? MIME_TYPES.find((t) => window.MediaRecorder.isTypeSupported(t)) : undefined;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !mimeType) {
    startButton.disabled = true;
    say('This browser cannot record audio here. Please type your answer instead.');
    offerTyping();
    return;
  }

  // Recordings wait in IndexedDB until the server confirms it has them, so closing or reloading the
  // page while offline does not lose an answer: the room sends it when it is next opened.
  const store = {
    open() {
      return new Promise((resolve, reject) => {
        const request = window.indexedDB.open('interview-insights', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('pending-uploads');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    },
    async run(mode, work) {
      const db = await this.open();
      return new Promise((resolve, reject) => {
        const tx = db.transaction('pending-uploads', mode);
        const request = work(tx.objectStore('pending-uploads'));
        tx.oncomplete = () => resolve(request && request.result);
        tx.onerror = () => reject(tx.error);
      });
    },
    put: (take) => store.run('readwrite', (s) => s.put(take, root.dataset.uploadUrl)).catch(() => undefined),
    get: () => store.run('readonly', (s) => s.get(root.dataset.uploadUrl)).catch(() => undefined),
    remove: () => store.run('readwrite', (s) => s.delete(root.dataset.uploadUrl)).catch(() => undefined),
  };

  let recorder = null;
  let stream = null;
  let ticking = null;
  let capturing = null;
  let uploading = false;
  const format = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

  // Thinking time: the question is on screen, a countdown runs, and recording starts by itself at
  // zero, as in an interview. "Start now" skips the rest; typing the answer instead stops it.
  let thinkingTimer = null;
  const startLabel = startButton.textContent;
  function stopThinking() {
    window.clearInterval(thinkingTimer);
    thinkingTimer = null;
    if (thinking) thinking.hidden = true;
    startButton.textContent = startLabel;
  }
  function startThinking() {
    const clock = thinking.querySelector('[data-thinking-clock]');
    const endsAt = Date.now() + thinkingSeconds * 1000;
    thinking.hidden = false;
    startButton.textContent = 'Start now';
    say(`Thinking time: ${thinkingSeconds} seconds.`);
    const tick = () => {
      const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      clock.textContent = format(left);
      if (left > 0) return;
      stopThinking();
      start();
    };
    tick();
    thinkingTimer = window.setInterval(tick, 250);
  }

  function stopTracks() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    if (preview) preview.hidden = true;
  }

  // The microphone is required; the camera is optional: without one the answer is still recorded.
  async function openDevices() {
    const audio = { channelCount: 1, echoCancellation: true, noiseSuppression: true };
    if (wantCamera) {
      try {
        return await navigator.mediaDevices.getUserMedia({ audio, video: { width: { ideal: 640 }, height: { ideal: 480 } } });
      } catch (error) {
        if (error && error.name === 'NotAllowedError') throw error;
        say('The camera could not be started, so this answer is recorded without it.');
      }
    }
    return navigator.mediaDevices.getUserMedia({ audio });
  }

  /** Grabs a JPEG of the preview every FRAME_MS into `frames` until stopped. */
  function captureFrames(frames) {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    return window.setInterval(() => {
      if (!preview.videoWidth) return;
      const scale = Math.min(1, FRAME_WIDTH / preview.videoWidth);
      canvas.width = Math.round(preview.videoWidth * scale);
      canvas.height = Math.round(preview.videoHeight * scale);
      context.drawImage(preview, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => blob && frames.push(blob), 'image/jpeg', 0.75);
    }, FRAME_MS);
  }

  async function start() {
    stopThinking();
    startButton.disabled = true;
    say('Asking for your microphone…');
    try {
      stream = await openDevices();
    } catch (error) {
      startButton.disabled = false;
      const reason =
        error && error.name === 'NotAllowedError'
          ? 'Microphone access was refused. Allow it in the browser’s address bar and try again, or type your answer instead.'
          : error && error.name === 'NotFoundError'
            ? 'No microphone was found. Connect one and try again, or type your answer instead.'
            : `The microphone could not be started (${(error && error.message) || error}). You can type your answer instead.`;
      say(reason);
      offerTyping();
      return;
    }
    startButton.hidden = true;
    const chunks = [];
    const frames = [];
    const video = stream.getVideoTracks().length > 0 && preview;
    if (video) {
      preview.srcObject = stream;
      preview.hidden = false;
      await preview.play().catch(() => undefined);
      capturing = captureFrames(frames);
    }
    recorder = new window.MediaRecorder(new MediaStream(stream.getAudioTracks()), { mimeType, audioBitsPerSecond: 48000 });
    recorder.addEventListener('dataavailable', (e) => e.data.size && chunks.push(e.data));
    recorder.addEventListener('stop', () => {
      window.clearInterval(ticking);
      window.clearInterval(capturing);
      stopTracks();
      timer.hidden = true;
      stopButton.hidden = true;
      const take = new Blob(chunks, { type: mimeType.split(';')[0] });
      store.put({ blob: take, frames }).then(() => upload(take, frames));
    });
    const startedAt = Date.now();
    recorder.start(1000);
    stopButton.hidden = false;
    stopButton.focus();
    timer.hidden = false;
    timer.textContent = '0:00';
    say(`Recording. Press “Stop and send” when you have finished (at most ${format(maxSeconds)}).`);
    ticking = window.setInterval(() => {
      const seconds = Math.floor((Date.now() - startedAt) / 1000);
      timer.textContent = format(seconds);
      if (seconds >= maxSeconds && recorder.state === 'recording') recorder.stop();
    }, 250);
  }

  // Sends the recording; network errors and server errors are retried with growing pauses, so an
  // answer is never lost to a dropped connection. A refusal (4xx) is shown and not retried.
  async function upload(blob, frames, attempt = 0) {
    if (blob.size > maxBytes) {
      say('This recording is too long to send. Please record a shorter answer.');
      startButton.hidden = false;
      startButton.disabled = false;
      return;
    }
    uploading = true;
    say(attempt ? `Sending your recording again (attempt ${attempt + 1})…` : 'Sending your recording…');
    let response;
    try {
      const form = new FormData();
      form.append('recording', blob, `answer.${blob.type.split('/')[1] || 'webm'}`);
      frames.forEach((frame, i) => form.append('frames', frame, `frame-${String(i + 1).padStart(6, '0')}.jpg`));
      response = await fetch(root.dataset.uploadUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': root.dataset.csrf, Accept: 'application/json' },
        body: form,
      });
    } catch {
      response = null;
    }
    if (response && response.ok) {
      await store.remove();
      uploading = false;
      say('Sent. Writing down what you said…');
      const body = await response.json().catch(() => ({}));
      window.location.assign(body.next || window.location.href);
      return;
    }
    if (response && response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      await store.remove();
      uploading = false;
      const body = await response.json().catch(() => ({}));
      say(body.message || `The server refused the recording (${response.status}).`);
      startButton.hidden = false;
      startButton.disabled = false;
      return;
    }
    const wait = Math.min(30, 2 ** Math.min(attempt + 1, 5));
    say(`Sending failed (${response ? `server error ${response.status}` : 'no connection'}). Trying again in ${wait} s; keep this page open.`);
    window.setTimeout(() => upload(blob, frames, attempt + 1), wait * 1000);
  }

  startButton.addEventListener('click', start);
  store.get().then((pending) => {
    if (uploading) return;
    if (!pending) {
      if (thinking && thinkingSeconds > 0 && !(typeInstead && typeInstead.open) && !recorder) startThinking();
      return;
    }
    startButton.hidden = true;
    say('A recording of this answer was not sent yet. Sending it now…');
    upload(pending.blob, pending.frames || []);
  });
  stopButton.addEventListener('click', () => recorder && recorder.state === 'recording' && recorder.stop());
  if (typeInstead)
    typeInstead.addEventListener('toggle', () => {
      if (!typeInstead.open || !thinkingTimer) return;
      stopThinking();
      say('Thinking time stopped: type your answer below, or start recording when you are ready.');
    });
  window.addEventListener('beforeunload', (event) => {
    if (uploading || (recorder && recorder.state === 'recording')) event.preventDefault();
  });
});
