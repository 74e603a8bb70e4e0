// The analysts' reader: opens the sealed boxes of one submission in this page with
// libsodium (crypto_box_seal_open). The private key is read from a local file into
// this page's memory only: it is never sent, stored, or put in the page's HTML, and
// reloading or leaving the page forgets it.
"use strict";

(function () {
  const PREFIX = "tocsin-intake-private:";
  const reader = document.getElementById("reader");
  const bundleNode = document.getElementById("sealed-bundle");
  if (!reader || !bundleNode) return;
  const bundle = JSON.parse(bundleNode.textContent);
  const status = document.getElementById("reader-status");
  const keyInput = document.getElementById("key-file");
  let keys = null; // {publicKey, privateKey}: page memory only

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(problem));
  }

  function parseKey(text) {
    const line = text.trim();
    if (!line.startsWith(PREFIX)) {
      throw new Error(
        "This file is not a Tocsin intake private key: its line should start with " +
          "\u201c" + PREFIX + "\u201d (the file written by `tocsin keys init --private-out`)."
      );
    }
    let privateKey;
    try {
      privateKey = sodium.from_base64(line.slice(PREFIX.length), sodium.base64_variants.ORIGINAL);
    } catch (err) {
      throw new Error("This key file is damaged: its key is not valid base64.");
    }
    if (privateKey.length !== sodium.crypto_box_SECRETKEYBYTES) {
      throw new Error("This key file is damaged: a key has 32 bytes, this one " + privateKey.length + ".");
    }
    return { privateKey: privateKey, publicKey: sodium.crypto_scalarmult_base(privateKey) };
  }

  function openBytes(sealed) {
    return sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey);
  }

  function openText(b64) {
    return sodium.to_string(openBytes(sodium.from_base64(b64, sodium.base64_variants.ORIGINAL)));
  }

  function setText(selector, text) {
    document.querySelectorAll(selector).forEach(function (node) {
      node.textContent = text;
      node.classList.remove("muted");
    });
  }

  function showReport() {
    if (!bundle.report) return;
    const fields = JSON.parse(openText(bundle.report));
    ["what", "country", "place", "when", "affected", "responsible"].forEach(function (name) {
      setText('[data-field="' + name + '"]', fields[name] || "");
    });
    const pin = fields.latitude === null || fields.latitude === undefined
      ? "" : " (" + fields.latitude + ", " + fields.longitude + ")";
    setText('[data-field="pin"]', pin);
  }

  function showContact() {
    if (bundle.contact) setText("#contact", openText(bundle.contact));
  }

  function showMessages() {
    bundle.messages.forEach(function (message, index) {
      if (message.sealed) setText('[data-message="' + index + '"] .text', openText(message.sealed));
    });
  }

  function showFileNames() {
    bundle.attachments.forEach(function (att) {
      if (att.filename) setText('[data-attachment="' + att.id + '"] .filename', openText(att.filename));
    });
  }

  async function openFile(button) {
    const item = button.closest("[data-attachment]");
    const att = bundle.attachments.find(function (a) { return String(a.id) === item.dataset.attachment; });
    if (!keys) { say("Load the private key file first.", true); return; }
    const original = button.dataset.original === "1";
    const response = await fetch(
      "/intake/" + bundle.ref + "/files/" + att.id + "?original=" + (original ? "true" : "false"),
      { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": reader.dataset.csrf } }
    );
    if (!response.ok) { say("The server refused the file: " + (await response.text()), true); return; }
    let data;
    try {
      data = openBytes(new Uint8Array(await response.arrayBuffer()));
    } catch (err) {
      say("This key does not open file " + att.id + " (sealed to another key, or damaged).", true);
      return;
    }
    const url = URL.createObjectURL(new Blob([data], { type: att.media_type }));
    const place = item.querySelector(".opened");
    place.replaceChildren();
    const link = document.createElement("a");
    link.href = url;
    link.download = (item.querySelector(".filename").textContent || "attachment-" + att.id).replace(/[\\/]/g, "_");
    link.textContent = "save " + (original ? "original" : "working copy") + " (" + data.length + " bytes)";
    place.append(link);
    if (att.media_type.startsWith("image/")) {
      const img = document.createElement("img");
      img.src = url;
      img.alt = "attachment " + att.id;
      img.className = "opened-image";
      place.append(img);
    }
    say("Opened file " + att.id + " in this page; the access is recorded in the custody log.");
  }

  async function loadKey(file) {
    await sodium.ready;
    const candidate = parseKey(await file.text());
    keys = candidate;
    try {
      showReport();
      showContact();
      showMessages();
      showFileNames();
    } catch (err) {
      keys = null;
      sodium.memzero(candidate.privateKey);
      throw new Error(
        "This key does not open submission " + bundle.ref + ": it is not the private key " +
          "this submission was sealed to (an older or another organisation's key?). Nothing was opened."
      );
    }
    document.body.classList.add("unsealed");
    say("Opened with the key in this page's memory (never sent to the server). Reload the page to forget it.");
  }

  keyInput.addEventListener("change", function () {
    const file = keyInput.files[0];
    keyInput.value = "";
    if (!file) return;
    loadKey(file).catch(function (err) { say(err.message, true); });
  });

  document.querySelectorAll("[data-open]").forEach(function (button) {
    button.addEventListener("click", function () {
      openFile(button).catch(function (err) { say("Could not open the file: " + err.message, true); });
    });
  });

  const copyButton = document.getElementById("copy-selection");
  if (copyButton) {
    copyButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
    copyButton.addEventListener("click", function () {
      const text = String(window.getSelection() || "").trim();
      if (!text) { say("Select a passage of the opened text first.", true); return; }
      document.getElementById("passage").value = text;
      say("Passage placed in the form below; it reaches the server only when you press Copy to workbench.");
    });
  }
  reader.hidden = false;
  say("Sealed. Load the organisation's private key file to read this submission.");
})();
