/* Gruppsamtal på surfplatta: varje deltagares svar sparas i enheten (localStorage) tills servern
   har bekräftat hela gruppen. Bryts anslutningen skickas samma utkast igen med samma nyckel
   (client_key); servern känner igen nyckeln och sparar aldrig gruppen två gånger. */
(function () {
  "use strict";
  var root = document.getElementById("gs");
  if (!root) { return; }
  var form = document.getElementById("gs-form");
  var els = {
    status: document.getElementById("gs-status"), date: document.getElementById("gs-date"),
    area: document.getElementById("gs-area"), count: document.getElementById("gs-count"),
    nr: document.getElementById("gs-nr"), heading: document.getElementById("gs-deltagare"),
    undo: document.getElementById("gs-undo"), send: document.getElementById("gs-send"),
    result: document.getElementById("gs-result"), summary: document.getElementById("gs-summary"),
    resultHeading: document.getElementById("gs-result-rubrik"), again: document.getElementById("gs-new"),
    dateErr: document.getElementById("gs-date-err"), areaErr: document.getElementById("gs-area-err")
  };
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : "";
  var endpoint = root.dataset.endpoint;
  var version = parseInt(root.dataset.version, 10);
  var questionIds = root.dataset.questions.split(",").filter(Boolean);
  var KEY = "inspektion-gruppsamtal-" + root.dataset.case;
  var sending = false;
  var retryTimer = null;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function fresh() {
    return { client_key: newKey(), date: els.date.value, arbetsomrade: els.area.value,
             responses: [], state: "draft" };
  }
  function load() {
    try { var raw = window.localStorage.getItem(KEY); return raw ? JSON.parse(raw) : null; }
    catch (e) { return null; }
  }
  var draft = load() || fresh();

  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(draft)); }
    catch (e) { say("Svaren kunde inte sparas i enheten. Skicka gruppsamtalet så snart som möjligt.", "error"); }
  }
  function say(text, kind) {
    els.status.textContent = text;
    els.status.className = "gs-status" + (kind ? " " + kind : "");
  }
  function plural(n) { return n + (n === 1 ? " deltagare" : " deltagare"); }
  function render() {
    var n = draft.responses.length;
    els.count.textContent = String(n);
    els.nr.textContent = String(n + 1);
    els.undo.disabled = n === 0;
    els.send.textContent = "Skicka gruppsamtalet (" + plural(n) + ")";
  }
  function fieldError(input, box, text) {
    box.textContent = text || "";
    box.hidden = !text;
    if (text) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
  }
  function currentAnswers() {
    var out = {};
    questionIds.forEach(function (id) {
      var checked = form.querySelector('input[name="q' + id + '"]:checked');
      if (checked) { out[id] = parseInt(checked.value, 10); }
    });
    return out;
  }
  function keepCurrent() {
    var answers = currentAnswers();
    if (Object.keys(answers).length === 0) { return false; }
    draft.responses.push(answers);
    save();
    form.reset();
    render();
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!keepCurrent()) {
      say("Deltagaren har inga svar ifyllda ännu. Välj minst ett svar.", "error");
      return;
    }
    say("Deltagare " + draft.responses.length + " är sparad i enheten. Fyll i nästa deltagare.");
    els.heading.focus();
    els.heading.scrollIntoView({ block: "start" });
  });
  els.undo.addEventListener("click", function () {
    if (!draft.responses.length) { return; }
    draft.responses.pop();
    save();
    render();
    say("Den senast sparade deltagaren är borttagen. " + plural(draft.responses.length) + " kvar.");
  });
  els.date.addEventListener("input", function () { draft.date = els.date.value; save(); });
  els.area.addEventListener("input", function () { draft.arbetsomrade = els.area.value; save(); });

  function submit() {
    if (sending || draft.state !== "sending") { return; }
    sending = true;
    say("Skickar " + plural(draft.responses.length) + " …");
    fetch(endpoint, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ date: draft.date, arbetsomrade: draft.arbetsomrade,
                             responses: draft.responses, client_key: draft.client_key, version: version })
    }).then(function (resp) {
      return resp.json().catch(function () {
        return { ok: false, detail: "Servern svarade med fel " + resp.status + "." };
      }).then(function (body) { return { status: resp.status, body: body }; });
    }).then(function (answer) {
      sending = false;
      if (answer.body.ok) { done(answer.body); } else { refused(answer.status, answer.body); }
    }).catch(function () {
      sending = false;
      offline();
    });
  }
  function offline() {
    say("Ingen anslutning till servern. Svaren för " + plural(draft.responses.length) +
        " finns kvar i enheten och skickas automatiskt när anslutningen är tillbaka.", "offline");
    if (!retryTimer) {
      retryTimer = window.setInterval(function () { if (navigator.onLine) { submit(); } }, 8000);
    }
  }
  function stopRetry() {
    if (retryTimer) { window.clearInterval(retryTimer); retryTimer = null; }
  }
  function done(body) {
    stopRetry();
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
    version = body.version;
    root.dataset.version = String(version);
    els.summary.innerHTML = body.summary_html;
    els.result.hidden = false;
    form.hidden = true;
    els.send.disabled = true;
    say(body.repeated ? "Gruppsamtalet var redan mottaget; inget registrerades två gånger."
                      : "Gruppsamtalet är registrerat med " + plural(body.respondents) + ".");
    draft = fresh();
    draft.responses = [];
    els.resultHeading.focus();
  }
  function refused(code, body) {
    stopRetry();
    draft.state = "draft";
    save();
    var text = body.detail || "Gruppsamtalet kunde inte sparas.";
    if (code === 401) { text += " Logga in igen i en ny flik och tryck sedan på Skicka igen; svaren finns kvar."; }
    if (code === 409) { text += " Svaren finns kvar i enheten; ladda om sidan och skicka igen."; }
    if (body.field === "date") { fieldError(els.date, els.dateErr, body.detail); els.date.focus(); }
    if (body.field === "arbetsomrade") { fieldError(els.area, els.areaErr, body.detail); els.area.focus(); }
    say("Inte sparat: " + text, "error");
  }

  els.send.addEventListener("click", function () {
    keepCurrent();
    fieldError(els.date, els.dateErr, "");
    fieldError(els.area, els.areaErr, "");
    draft.date = els.date.value;
    draft.arbetsomrade = els.area.value.trim();
    if (!draft.date) { fieldError(els.date, els.dateErr, "Ange datum för samtalet."); els.date.focus(); return; }
    if (!draft.arbetsomrade) {
      fieldError(els.area, els.areaErr, "Ange arbetsområde (t.ex. Barn och unga).");
      els.area.focus();
      return;
    }
    if (!draft.responses.length) { say("Inga deltagare är inmatade ännu.", "error"); return; }
    draft.state = "sending";
    save();
    submit();
  });
  els.again.addEventListener("click", function () {
    els.result.hidden = true;
    form.hidden = false;
    els.send.disabled = false;
    els.area.value = "";
    draft = fresh();
    save();
    render();
    say("");
    els.area.focus();
  });
  window.addEventListener("online", function () { submit(); });

  if (draft.date) { els.date.value = draft.date; }
  els.area.value = draft.arbetsomrade || "";
  render();
  if (draft.state === "sending") {
    say("Ett tidigare inskick har inte bekräftats. Skickar igen …");
    submit();
  } else if (draft.responses.length) {
    say(plural(draft.responses.length) + " från ett tidigare tillfälle finns sparade i enheten.");
  }
}());
