// A minimal W3C WebDriver client over fetch (Node 20): enough to drive the Tauri window
// through tauri-driver + WebKitWebDriver. No npm dependency.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's codes of the keys a clerk presses. */
export const Key = { ArrowDown: '\uE015', ArrowUp: '\uE013', Enter: '\uE007', Escape: '\uE00C' };

export class Driver {
  constructor(base = 'http://127.0.0.1:4444') {
    this.base = base;
    this.id = null;
  }

  async send(method, path, body) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok || (json.value && json.value.error)) {
      throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
    }
    return json.value;
  }

  async start(application, args = []) {
    const capabilities = {
      alwaysMatch: {
        browserName: 'wry',
        'tauri:options': { application, args },
      },
    };
    // The previous script's window may still be closing (a loaded machine): WebKitWebDriver
    // holds one session at a time, so a new one is asked for again for up to 20 s.
    for (let tries = 0; ; tries++) {
      try {
        const value = await this.send('POST', '/session', { capabilities });
        this.id = value.sessionId;
        return;
      } catch (e) {
        if (tries >= 40 || !String(e.message).includes('Maximum number of active sessions')) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async quit() {
    if (this.id) await this.send('DELETE', `/session/${this.id}`).catch(() => undefined);
    this.id = null;
  }

  s(path) {
    return `/session/${this.id}${path}`;
  }

  async find(css) {
    const v = await this.send('POST', this.s('/element'), { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.send('POST', this.s('/elements'), { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches (and its text has `text`, matches it or passes it), returning the element. */
  async waitFor(css, { timeout = 15000, text, poll = 150 } = {}) {
    const end = Date.now() + timeout;
    let last = '';
    for (;;) {
      try {
        const el = await this.find(css);
        last = await this.text(el);
        if (!text || (typeof text === 'string' ? last.includes(text) : typeof text === 'function' ? text(last) : text.test(last))) return el;
      } catch {
        // not there yet
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${css}${text ? ` with «${text}»` : ''} (last: «${last}»)`);
      await new Promise((r) => setTimeout(r, poll));
    }
  }

  async click(css) {
    await this.clickElement(await this.waitFor(css));
  }

  async clickElement(el) {
    await this.send('POST', this.s(`/element/${el}/click`), {});
  }

  /**
   * Waits for a button whose text is `label` (exactly, or starting with it when `prefix`),
   * inside `scope` (a CSS selector), and clicks it by script.
   */
  async button(label, { scope = 'body', prefix = false, timeout = 15000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const hit = await this.execute(
        `const [scope, label, prefix] = arguments;
         const b = [...document.querySelectorAll(scope + ' button')].find((b) => {
           const t = b.textContent.trim();
           return !b.disabled && (prefix ? t.startsWith(label) : t === label);
         });
         if (b) { b.scrollIntoView({ block: 'center' }); b.click(); }
         return !!b;`,
        [scope, label, prefix],
      );
      if (hit) return;
      if (Date.now() > end) throw new Error(`timed out waiting for the button «${label}» in ${scope}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.send('POST', this.s(`/element/${el}/clear`), {}).catch(() => undefined);
    await this.send('POST', this.s(`/element/${el}/value`), { text });
  }

  /** Sends keys to `css` without clearing it first (Key.* below for ↓, Enter…). */
  async keys(css, text) {
    const el = await this.waitFor(css);
    await this.send('POST', this.s(`/element/${el}/value`), { text });
  }

  /** Sets a <select> to its option whose text contains `label` (waits for that option). */
  async choose(css, label, { timeout = 15000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.execute(
        `const el = document.querySelector(arguments[0]);
         const o = el && [...el.options].find((o) => o.textContent.includes(arguments[1]));
         if (!o) return null;
         el.value = o.value;
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));
         return o.value;`,
        [css, label],
      );
      if (value !== null) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for the option «${label}» of ${css}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async text(el) {
    return this.send('GET', this.s(`/element/${el}/text`));
  }

  /** Sets a <select> (or any input) by script and fires the events Svelte listens to. */
  async select(css, value) {
    await this.waitFor(css);
    await this.execute(
      `const el = document.querySelector(arguments[0]); el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      [css, value],
    );
  }

  async execute(script, args = []) {
    return this.send('POST', this.s('/execute/sync'), { script, args });
  }

  /** Runs `script` with a callback as its last argument; resolves with what it passes. */
  async executeAsync(script, args = []) {
    return this.send('POST', this.s('/execute/async'), { script, args });
  }

  /** Sizes the window (its outer size, as a user drags it); returns the size it took. */
  async setWindowSize(width, height) {
    return this.send('POST', this.s('/window/rect'), { width, height });
  }

  async screenshot() {
    return Buffer.from(await this.send('GET', this.s('/screenshot')), 'base64');
  }
}
