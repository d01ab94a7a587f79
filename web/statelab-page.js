// The page around the wasm app: loading progress, failure messages, and the small
// bridge the app uses for the URL hash, localStorage, language and the aria-live mirror.
// No simulation logic lives here.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  // The WebGL state ImGui's renderer saves and restores every frame, answered from what was last
  // set. Chromium answers getParameter for the scissor box and the blend settings with a round trip
  // to the GPU process that waits for it to finish drawing: at 64x that was 41 % of the frame's CPU
  // (docs/performance.md). Only the app draws on its context, so what it last set is the state.
  (function cacheSetState() {
    if (typeof WebGL2RenderingContext === 'undefined') return;
    const P = WebGL2RenderingContext.prototype;
    const G = WebGL2RenderingContext;
    const shadow = (gl) => gl.__statelabState || (gl.__statelabState = {});
    const wrap = (name, note) => {
      const real = P[name];
      P[name] = function (...args) { note(shadow(this), ...args); return real.apply(this, args); };
    };
    wrap('scissor', (s, x, y, w, h) => { s[G.SCISSOR_BOX] = new Int32Array([x, y, w, h]); });
    wrap('blendFunc', (s, src, dst) => {
      s[G.BLEND_SRC_RGB] = s[G.BLEND_SRC_ALPHA] = src;
      s[G.BLEND_DST_RGB] = s[G.BLEND_DST_ALPHA] = dst;
    });
    wrap('blendFuncSeparate', (s, srcRgb, dstRgb, srcAlpha, dstAlpha) => {
      s[G.BLEND_SRC_RGB] = srcRgb; s[G.BLEND_DST_RGB] = dstRgb;
      s[G.BLEND_SRC_ALPHA] = srcAlpha; s[G.BLEND_DST_ALPHA] = dstAlpha;
    });
    wrap('blendEquation', (s, mode) => { s[G.BLEND_EQUATION_RGB] = s[G.BLEND_EQUATION_ALPHA] = mode; });
    wrap('blendEquationSeparate', (s, rgb, alpha) => { s[G.BLEND_EQUATION_RGB] = rgb; s[G.BLEND_EQUATION_ALPHA] = alpha; });
    const getParameter = P.getParameter;
    P.getParameter = function (pname) {
      const s = this.__statelabState;
      const v = s && s[pname];
      if (v === undefined) return getParameter.call(this, pname);
      return v instanceof Int32Array ? new Int32Array(v) : v;
    };
    // A lost context starts again from the defaults: ask the browser again.
    document.addEventListener('webglcontextlost', (e) => {
      const gl = e.target && e.target.getContext ? e.target.getContext('webgl2') : null;
      if (gl) gl.__statelabState = {};
    }, true);
  })();
  // Embedded in another page (embed.html, <html data-embed>): the address names the lesson and a
  // few settings only the page reads. The app gets the address without them.
  const EMBED = document.documentElement.hasAttribute('data-embed');
  const PAGE_ONLY_KEYS = ['progress', 'lang'];
  function hashParam(key) {
    for (const part of location.hash.replace(/^#/, '').split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
    }
    return null;
  }
  function appHash() {
    const raw = location.hash.replace(/^#/, '');
    if (!EMBED) return raw;
    return raw.split('&').filter((p) => p && !PAGE_ONLY_KEYS.includes(p.split('=')[0])).join('&');
  }
  // An embed keeps its own progress unless its address asks to share the full tutorial's
  // (&progress=shared): a learner trying a lesson inside a blog post does not move their place
  // or completions in the tutorial, and the post's lessons share one record of their own.
  const SHARED = !EMBED || hashParam('progress') === 'shared';
  const PROGRESS_KEY = SHARED ? 'statelab.progress' : 'statelab.embed.progress';
  const BACKUP_KEY = PROGRESS_KEY + '.backup';

  function fail(message) {
    $('loading').hidden = true;
    $('failure-text').textContent = message;
    $('failure').hidden = false;
    window.statelabFailed = message;
  }

  function notice(text, ms) {
    const n = $('notice');
    n.textContent = text;
    n.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { n.hidden = true; }, ms || 6000);
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  // A write counts only when it reads back: a full or disabled storage may refuse it.
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return window.localStorage.getItem(key) === value ? 1 : 0; } catch (e) { return 0; }
  }

  // A corrupt save is set aside: the last three are kept (BACKUP_KEY newest, then .2, .3), each
  // write checked; then the save itself is removed unless another tab has written a new one.
  const BACKUP_KEYS = [BACKUP_KEY, BACKUP_KEY + '.2', BACKUP_KEY + '.3'];
  function backupProgress(value) {
    for (let i = BACKUP_KEYS.length - 1; i > 0; i--) {
      const older = storageGet(BACKUP_KEYS[i - 1]);
      if (older !== null && !storageSet(BACKUP_KEYS[i], older)) return 0;
    }
    if (!storageSet(BACKUP_KEYS[0], value)) return 0;
    try { if (window.localStorage.getItem(PROGRESS_KEY) === value) window.localStorage.removeItem(PROGRESS_KEY); } catch (e) { /* kept */ }
    return 1;
  }

  // The offline page (web/sw.js.in): registered once the tutorial draws, so the worker's
  // download never competes with the first frame. A page served without the worker (file://,
  // a host that forbids it) works as before, online only.
  function registerOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    // Each visit asks for a newer build (register alone does not, once registered); a new one
    // installs in the background and takes over on the next visit (web/sw.js.in).
    navigator.serviceWorker.register('sw.js')
      .then((registration) => (navigator.onLine ? registration.update() : null))
      .catch((e) => console.warn('statelab: the offline page is off: ' + e.message));
  }

  // Called from C++ (app/platform.cpp) with a key naming what to read or write. Nothing here may
  // throw into the app's main loop: each call is guarded, and a failure reads as "no value" / 0.
  function get(what) {
    switch (what) {
      case 'progress': return storageGet(PROGRESS_KEY);
      // Raw, as the address has it: the app decodes %-escapes itself, once (a stray '%' is its
      // to report, not a URIError here).
      case 'hash': return appHash();
      case 'language':
        return (EMBED && hashParam('lang')) || (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
      case 'embed': return EMBED ? '1' : null;
      case 'address': return location.origin + location.pathname + location.search;
      default: return null;
    }
  }
  function set(what, value) {
    switch (what) {
      case 'progress': return storageSet(PROGRESS_KEY, value);
      case 'progress-backup': return backupProgress(value);
      case 'hash':
        if (EMBED) return 0;  // the host page's address for the embed is kept as written
        history.replaceState(null, '', value ? '#' + value : location.pathname + location.search);
        return 1;
      case 'open': {  // "Open in Stateful Web Lab": a new tab that cannot reach back into this one
        const tab = window.open(value, '_blank');
        if (!tab) return 0;
        try { tab.opener = null; } catch (e) { /* another origin already */ }
        return 1;
      }
      case 'announce': {
        const live = $('live');
        const p = document.createElement('p');
        p.textContent = value;
        live.appendChild(p);
        while (live.childNodes.length > 20) live.removeChild(live.firstChild);
        return 1;
      }
      case 'notice': notice(value); return 1;
      case 'download': {  // "name\ntext": the learner's progress file
        const cut = value.indexOf('\n');
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([value.slice(cut + 1)], { type: 'text/plain' }));
        a.download = value.slice(0, cut);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10000);
        return 1;
      }
      case 'pick-file': $('progress-file').click(); return 1;
      case 'first-frame':
        window.statelabFirstFrameAt = performance.now();
        $('loading').hidden = true;
        $('describe').hidden = false;
        registerOffline();
        if (EMBED && window.statelabInView === false) setInView(false);  // scrolled away while loading
        return 1;
      case 'lang':
        document.documentElement.lang = value;
        $('describe').textContent = value === 'ko' ? '다이어그램 설명 듣기' : 'Describe the diagram';
        return 1;
      case 'cannot-start':
        fail(/WebGL2/.test(value) ? NO_WEBGL2 + ' (' + value + ')' : 'The tutorial cannot start: ' + value +
             '. 튜토리얼을 시작할 수 없습니다.');
        return 1;
      default: return 0;
    }
  }
  // The clipboard, both ways (app/platform.cpp). A copy goes through navigator.clipboard, or where
  // the page has none (an address that is not https or localhost) the older copy command; a refusal
  // shows `refused`, the app's words in the learner's language.
  function copyFallback(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.remove();
    $('canvas').focus();
    return ok;
  }
  function copy(text, refused) {
    window.statelabCopied = null;
    const done = () => { window.statelabCopied = text; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, () => {
        if (copyFallback(text)) done(); else notice(refused, 10000);
      });
    } else if (copyFallback(text)) {
      done();
    } else {
      notice(refused, 10000);
    }
    return 1;
  }
  function pasteIntoApp(text) {
    if (!window.Module || !Module.ccall || !window.statelabFirstFrameAt) return;
    try { Module.ccall('statelab_paste', null, ['string'], [String(text)]); } catch (err) {
      console.warn('statelab: pasting failed: ' + err);
    }
  }
  function paste(refused) {
    if (!navigator.clipboard || !navigator.clipboard.readText) { notice(refused, 10000); return; }
    navigator.clipboard.readText().then(pasteIntoApp, () => notice(refused, 10000));
  }
  // Ctrl+V (or the browser's Paste) while the app has focus: the pasted text, with no permission.
  // SDL cancels every key it sees, which would cancel the paste: Ctrl/Cmd+V stops here, before SDL.
  window.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'v' || e.key === 'V')) e.stopImmediatePropagation();
  }, true);
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text) return;
    e.preventDefault();
    pasteIntoApp(text);
  });

  window.statelab = {
    copy(text, refused) {
      try { return copy(text, refused); } catch (e) { console.warn('statelab: copy failed: ' + e); return 0; }
    },
    paste(refused) {
      try { paste(refused); } catch (e) { console.warn('statelab: paste failed: ' + e); }
    },
    get(what) {
      try { return get(what); } catch (e) { console.warn('statelab: reading ' + what + ' failed: ' + e); return null; }
    },
    set(what, value) {
      try { return set(what, value); } catch (e) { console.warn('statelab: ' + what + ' failed: ' + e); return 0; }
    },
    // Test hook: where the app drew its named widgets last frame (CSS pixels), and where the
    // learner is. Used by tests/browser; harmless for everyone else.
    snapshot() {
      if (!window.Module || !Module.ccall || !window.statelabFirstFrameAt) return null;
      return JSON.parse(Module.ccall('statelab_test_snapshot', 'string', [], []));
    },
    widgets() {
      const s = this.snapshot();
      return s ? s.widgets : {};
    },
    // make bench: the CPU milliseconds of each frame since the last call ({total, app, draw}).
    frameTimes() {
      if (!window.Module || !Module.ccall) return null;
      return JSON.parse(Module.ccall('statelab_frame_times', 'string', [], []));
    },
  };

  // Progress: the wasm download and the data package (lessons, font) together. A total of 0 is
  // unknown: the bar then counts only the parts whose size is known, and the text only megabytes.
  const parts = { wasm: [0, 0], data: [0, 0] };
  function showProgress(label) {
    const known = Object.values(parts).filter(([, total]) => total > 0);
    const done = known.reduce((n, [d]) => n + d, 0);
    const total = known.reduce((n, [, t]) => n + t, 0);
    const pct = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
    $('loading-fill').style.width = pct + '%';
    const mb = (n) => (n / 1048576).toFixed(1);
    $('loading-text').textContent = (label || 'Loading') + '… ' + (known.length === 2
      ? pct + '%  (' + mb(done) + ' / ' + mb(total) + ' MB)'
      : mb(parts.wasm[0] + parts.data[0]) + ' MB');
  }

  // The engine's download starts in the page's head; it is compiled while the bytes stream in
  // (and statelab.js and the data package download). The compiler reads the response itself; a
  // copy of the stream is counted for the progress bar, so the bar's script never stands between
  // the network and the compiler (docs/performance.md, "Load time").
  async function compileWithProgress(url) {
    const started = window.statelabEngineFetch;  // begun in index.html's head
    const response = await (started || fetch(url));
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    // A compressed response (Brotli, gzip) gives its compressed size as Content-Length but its
    // body decoded, so that size cannot measure what is counted here: the total is unknown then.
    const encoded = (response.headers.get('Content-Encoding') || 'identity') !== 'identity';
    const total = encoded ? 0 : Number(response.headers.get('Content-Length')) || 0;
    parts.wasm[1] = total;
    if (!response.body || !WebAssembly.compileStreaming) {
      const buf = await response.arrayBuffer();
      parts.wasm = [buf.byteLength, buf.byteLength];
      showProgress('Loading the engine');
      return WebAssembly.compile(buf);
    }
    countBytes(response.clone().body.getReader());
    const wasm = response.headers.get('Content-Type') === 'application/wasm'
      ? response : new Response(response.body, { headers: { 'Content-Type': 'application/wasm' } });
    return WebAssembly.compileStreaming(wasm);
  }
  // Reads the copy to its end, counting; a failed read only stops the count (the compiler
  // reports the download's own failure).
  function countBytes(reader) {
    reader.read().then(({ done, value }) => {
      if (done) { parts.wasm[1] = parts.wasm[0]; return; }  // all of it is here: known now
      parts.wasm[0] += value.length;
      showProgress('Loading the engine');
      countBytes(reader);
    }, () => {});
  }
  const engine = compileWithProgress('statelab.wasm');
  engine.catch(() => {});  // reported once, by instantiateWasm below

  // WebGL2: without it the app cannot draw, so say so instead of a blank page. A browser that
  // lacks the API stops here; one that has it but cannot make a context (a blocked GPU) is
  // reported by the app itself ('cannot-start' below). No probe context: creating one costs
  // as much as the app's own.
  const NO_WEBGL2 = 'This browser or device has no WebGL2, which the tutorial needs to draw. ' +
    '이 브라우저는 WebGL2를 지원하지 않아 튜토리얼을 그릴 수 없습니다.';
  if (typeof WebGL2RenderingContext === 'undefined') {
    fail(NO_WEBGL2);
    return;
  }

  window.addEventListener('error', (e) => {
    if (!window.statelabFirstFrameAt) fail('Loading failed: ' + (e.message || 'a script error') + '. 불러오기에 실패했습니다.');
  });

  window.Module = {
    canvas: $('canvas'),
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    setStatus(text) {
      // Emscripten's data loader reports "Downloading data... (loaded/total)".
      const m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) { parts.data = [Number(m[1]), Number(m[2])]; showProgress('Loading lessons and fonts'); }
    },
    // Emscripten starts main() a timer tick late when the page has a setStatus: once nothing is
    // left to load and the data package is counted whole, there is nothing more to report.
    monitorRunDependencies(left) {
      if (left === 0 && parts.data[1] > 0 && parts.data[0] >= parts.data[1]) delete this.setStatus;
    },
    instantiateWasm(imports, receive) {
      engine
        .then((module) => WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)))
        .catch((err) => fail('Loading the engine failed: ' + err.message + '. 엔진을 불러오지 못했습니다.'));
      return {};
    },
    onAbort(what) { fail('The tutorial stopped: ' + what + '. 튜토리얼이 멈췄습니다. 페이지를 새로 고쳐 주세요.'); },
  };

  // Another tab saved progress: the app merges it into its own (completed lessons, furthest
  // steps, grades, the latest language), between frames.
  window.addEventListener('storage', (e) => {
    if (e.key !== PROGRESS_KEY && e.key !== null) return;  // the embed's own key, or the tutorial's
    if (!window.statelabFirstFrameAt || !window.Module || !Module.ccall) return;
    try { Module.ccall('statelab_progress_changed', null, [], []); } catch (err) {
      console.warn('statelab: merging progress from another tab failed: ' + err);
    }
  });

  showProgress('Loading');
  const script = document.createElement('script');
  script.src = 'statelab.js';
  script.async = true;
  script.onerror = () => fail('Could not load statelab.js. The page may be served from the wrong folder.');
  document.body.appendChild(script);
  $('canvas').addEventListener('pointerdown', () => $('canvas').focus());
  // A progress file chosen by the learner: its text goes to the app, which checks and merges it.
  $('progress-file').addEventListener('change', () => {
    const file = $('progress-file').files[0];
    $('progress-file').value = '';
    if (!file) return;
    if (file.size > 65536) { notice(file.name + ': too large for a progress file. 진행 상황 파일로 보기에는 너무 큽니다.'); return; }
    file.text().then((text) => Module.ccall('statelab_import_progress', null, ['string'], [text]))
      .catch((e) => notice(file.name + ': ' + e.message));
  });
  // [SECTION] A good guest in another page (embed.html).
  // Keys: the lesson takes keyboard focus only when clicked (nothing here focuses it on load), so
  // keys typed in the host page stay there: the browser sends them to the frame that has focus.
  // The wheel and fingers: the host page scrolls over the embed unless the pointer is over
  // something the lesson scrolls further that way (its panel, a long list) or drags; then the
  // lesson has it. The app answers from its last frame (statelab_takes_wheel / _touch,
  // app/ui/embed_layout.h); an event it does not take never reaches SDL, so nothing cancels the
  // page's scrolling. Out of view (IntersectionObserver) the lesson pauses and stops drawing; back
  // in view it plays on if it was playing.
  function setInView(inView) {
    window.statelabInView = inView;
    if (!window.Module || !Module.ccall || !window.statelabFirstFrameAt) return;
    try { Module.ccall('statelab_set_in_view', null, ['number'], [inView ? 1 : 0]); } catch (e) {
      console.warn('statelab: pausing out of view failed: ' + e);
    }
  }
  function appTakes(fn, args) {
    if (!window.Module || !Module.ccall || !window.statelabFirstFrameAt) return false;
    try { return Module.ccall(fn, 'number', args.map(() => 'number'), args) === 1; } catch (e) { return false; }
  }
  if (EMBED) {
    window.addEventListener('wheel', (e) => {
      if (!appTakes('statelab_takes_wheel', [e.clientX, e.clientY, e.deltaY])) e.stopImmediatePropagation();
    }, { capture: true, passive: true });
    let touchToHost = false;
    window.addEventListener('touchstart', (e) => {
      const t = e.touches[0];
      if (e.touches.length === 1) touchToHost = !appTakes('statelab_takes_touch', [t.clientX, t.clientY]);
      if (touchToHost) e.stopImmediatePropagation();
    }, { capture: true, passive: true });
    for (const type of ['touchmove', 'touchend', 'touchcancel']) {
      window.addEventListener(type, (e) => { if (touchToHost) e.stopImmediatePropagation(); },
        { capture: true, passive: true });
    }
    if ('IntersectionObserver' in window) {
      new IntersectionObserver((entries) => {
        const inView = entries[entries.length - 1].isIntersecting;
        if (inView !== window.statelabInView) setInView(inView);
      }).observe($('canvas'));
    }
  }

  const describe = () => {
    try { Module.ccall('statelab_describe', null, [], []); } catch (e) { console.warn('statelab: describing failed: ' + e); }
  };
  $('describe').addEventListener('click', describe);
  // Enter and Space on the focused button are its own: the app's window-wide key handler would
  // otherwise take them (Space plays or pauses) and cancel the click.
  $('describe').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    describe();
  });
})();
