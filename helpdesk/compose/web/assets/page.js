// Runs after textual.js has set window.onload and wraps it: the terminal connects back to this
// page's own address (so a TLS proxy or a sub-path works), starts once the bundled font is in
// (xterm.js measures its cells when it opens), and gets the keyboard at once, without a click.
(() => {
  "use strict";

  const terminalInput = () => document.querySelector("#terminal .xterm-helper-textarea");

  function focusTerminal() {
    const input = terminalInput();
    if (input && !document.body.classList.contains("-closed")) {
      input.focus({ preventScroll: true });
    }
  }

  function socketAddress() {
    const address = new URL("ws", window.location.href);
    address.protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
    address.search = ""; // the key is never put in the WebSocket address: a cookie carries it
    address.hash = "";
    return address.href;
  }

  // Over plain HTTP on a network address the browser offers no clipboard API; xterm.js copies
  // through it (OSC 52), so give it the older way, which works right after a key press.
  if (!navigator.clipboard) {
    const writeText = async (text) => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      focusTerminal();
    };
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText, readText: async () => "" },
    });
  }

  // The app opens links (articles' sources, WhatsApp, e-mail) in a new tab; that tab gets no
  // handle back to this page and no Referer.
  const openWindow = window.open.bind(window);
  window.open = (url, target, features) =>
    target === "_blank"
      ? openWindow(url, "_blank", "noopener,noreferrer")
      : openWindow(url, target, features);

  const startTerminal = window.onload;
  window.onload = async (event) => {
    const element = document.getElementById("terminal");
    element.dataset.sessionWebsocketUrl = socketAddress();
    try {
      await document.fonts.load(`${element.dataset.fontSize}px "Roboto Mono"`);
    } catch {
      // a missing font only changes the look; the app still starts
    }
    if (startTerminal) {
      startTerminal.call(window, event);
    }
    focusTerminal();
  };

  window.addEventListener("focus", focusTerminal);
  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("restart").addEventListener("click", () => {
      window.location.reload();
    });
  });
})();
