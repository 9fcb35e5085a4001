// Injected by the browser login driver (src/agent/browser/dom.rs). `describe` reads the page
// the way the HTML driver's generic layer reads a form; `act` fills, ticks and presses.
// Both run as `(…)(ARG)` where ARG is a JSON value written by Rust.
(function (arg) {
  const controls = Array.from(document.querySelectorAll(
    'input, button, select, textarea, [role=button], a[href]'));
  const visible = (el) => {
    if (el.type === 'hidden') return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const text = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const labels = (el) => {
    const out = [];
    if (el.tagName === 'INPUT' && (el.type === 'submit' || el.type === 'button')) out.push(el.value);
    else out.push(el.innerText || el.textContent);
    for (const l of (el.labels || [])) out.push(l.innerText || l.textContent);
    for (const a of ['aria-label', 'title', 'name', 'id', 'value', 'placeholder']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    return out.map(text).filter((s) => s.length > 0);
  };
  const forms = Array.from(document.forms);
  if (arg.op === 'mark') {
    // The document the driver has read or acted on: a later read that still finds the mark
    // knows the navigation it waits for has not replaced this document yet.
    Object.defineProperty(window, '__oauthspecSeen', {value: true, configurable: true});
    return 'true';
  }
  if (arg.op === 'describe') {
    return JSON.stringify({
      url: location.href,
      seen: window.__oauthspecSeen === true,
      title: document.title,
      ready: document.readyState,
      controls: controls.map((el, i) => ({
        i,
        tag: el.tagName.toLowerCase(),
        type: (el.getAttribute('type') || (el.tagName === 'BUTTON' ? 'submit' : '')).toLowerCase(),
        name: el.getAttribute('name') || '',
        id: el.id || '',
        autocomplete: el.getAttribute('autocomplete') || '',
        labels: labels(el),
        visible: visible(el),
        disabled: !!el.disabled,
        form: el.form ? forms.indexOf(el.form) : null,
      })),
    });
  }
  if (arg.op === 'select') {
    // Indices of the controls a CSS selector matches (for steps that name one).
    let hits = [];
    try { hits = Array.from(document.querySelectorAll(arg.css)); } catch (e) { return 'null'; }
    return JSON.stringify(hits.map((h) => controls.indexOf(h)).filter((i) => i >= 0));
  }
  if (arg.op === 'csrf') {
    // Hidden fields that read as anti-CSRF tokens, in the form of the pressed control.
    const el = controls[arg.press];
    const scope = (el && el.form) || document;
    const hidden = Array.from(scope.querySelectorAll('input[type=hidden]'))
      .filter((h) => /csrf|xsrf|authenticity|anti_forgery|antiforgery|requestverification/i.test(h.name));
    for (const h of hidden) {
      if (arg.replace === null) h.remove(); else h.value = arg.replace;
    }
    return JSON.stringify(hidden.length);
  }
  if (arg.op === 'act') {
    const setter = (el, v) => {
      const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype
        : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      const desc = Object.getOwnPropertyDescriptor(proto, 'value');
      if (desc && desc.set) desc.set.call(el, v); else el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    for (const [i, v] of arg.fill) { const el = controls[i]; el.focus(); setter(el, v); }
    for (const i of arg.tick) { const el = controls[i]; if (!el.checked) el.click(); }
    // Pressed after this script returns, so the evaluation is not cut short by the navigation.
    if (arg.press !== null) setTimeout(() => controls[arg.press].click(), 0);
    return 'true';
  }
  if (arg.op === 'json') {
    // A [login] JSON step in the page: POST the body, then continue where it says.
    setTimeout(async () => {
      const r = await fetch(arg.post, { method: 'POST', credentials: 'include',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify(arg.body) });
      if (r.ok) location.assign(arg.then || location.href);
    }, 0);
    return 'true';
  }
  return 'null';
})
