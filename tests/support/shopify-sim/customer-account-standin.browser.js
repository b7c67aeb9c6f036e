/* Customer accounts stand-in for the local demo (served by the Shopify simulator at
 * /customer-accounts/standin.js into each extension frame, before the extension's module).
 *
 * Shopify runs a customer account UI extension in a sandbox and draws its Polaris web components
 * itself. Offline there is no Shopify, so this script plays that part, one target per frame:
 *   - `shopify`: the target's API as the extension reads it — orderId / order, localization,
 *     i18n.translate over the extension's locales (`{{name}}` placeholders), sessionToken.get()
 *     (real HS256 tokens signed by the simulator with the app secret, cached until near expiry),
 *     storage (localStorage, per extension handle), close() and navigation.navigate();
 *   - the Polaris web components the extension uses, as small custom elements that draw native,
 *     labelled controls in their shadow root (button, select, radio group, textarea, lists,
 *     headings, banners), so the page works with a keyboard and a screen reader and axe can check it;
 *   - `extension://…` and `shopify:customer-account/…` links and the menu item's modal are posted
 *     to the customer-accounts page around the frames, which navigates or opens the modal.
 */
/* eslint-disable @typescript-eslint/no-this-alias -- a shadow root's listeners act on their element (ES5-style script, no build step) */
(function customerAccountStandin() {
  "use strict";
  var config = JSON.parse(document.getElementById("shopify-config").textContent);
  var strings = config.strings || {};
  var post = function (message) {
    message.source = "aftercare-customer-accounts";
    message.frame = config.frameId;
    window.parent.postMessage(message, window.location.origin);
  };

  // ── the `shopify` global ────────────────────────────────────────────────────────────────
  var signal = function (value) {
    return { value: value, subscribe: function (fn) { fn(value); return function () {}; } };
  };
  var token = null;
  var storageKey = function (key) { return "ca:" + config.handle + ":" + key; };
  window.shopify = {
    extension: { target: config.target, apiVersion: "2026-10" },
    orderId: config.order ? config.order.id : undefined,
    order: signal(config.order || undefined),
    localization: { language: signal({ isoCode: config.locale }), extensionLanguage: signal({ isoCode: config.locale }) },
    i18n: {
      translate: function (key, vars) {
        var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
        return text.replace(/\{\{\s*(\w+)\s*\}\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
      },
      formatNumber: function (n, o) { return new Intl.NumberFormat(config.locale, o).format(n); },
      formatCurrency: function (n, o) { return new Intl.NumberFormat(config.locale, Object.assign({ style: "currency" }, o)).format(n); },
      formatDate: function (d, o) { return new Intl.DateTimeFormat(config.locale, o).format(d); },
    },
    sessionToken: {
      get: function () {
        if (token && token.exp * 1000 - Date.now() > 10000) return Promise.resolve(token.token);
        return fetch("/customer-accounts/session-token", { credentials: "same-origin" }).then(function (res) {
          if (!res.ok) throw new Error("No customer session (" + res.status + ")");
          return res.json().then(function (body) { token = body; return body.token; });
        });
      },
    },
    storage: {
      read: function (key) { var v = localStorage.getItem(storageKey(key)); return Promise.resolve(v === null ? null : JSON.parse(v)); },
      write: function (key, data) { localStorage.setItem(storageKey(key), JSON.stringify(data)); return Promise.resolve(); },
      delete: function (key) { localStorage.removeItem(storageKey(key)); return Promise.resolve(); },
    },
    close: function () { post({ type: "close" }); },
    navigation: { navigate: function (url) { post({ type: "navigate", url: url }); } },
  };

  // The frame is as tall as its content: the page around it sizes the iframe.
  new ResizeObserver(function () { post({ type: "resize", height: document.documentElement.scrollHeight }); }).observe(document.documentElement);

  // ── Polaris web components ──────────────────────────────────────────────────────────────
  var esc = function (s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); };
  var BASE =
    ":host{display:block;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a}" +
    "button,a.btn{box-sizing:border-box;font:inherit;min-height:44px;padding:10px 16px;border-radius:10px;border:1px solid #8a8a8a;background:#fff;color:#1a1a1a;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}" +
    "button.primary,a.btn.primary{background:#1a1a1a;border-color:#1a1a1a;color:#fff}" +
    "button:disabled{opacity:.6;cursor:default}" +
    ":focus-visible{outline:3px solid #005bd3;outline-offset:2px}" +
    "label,legend{display:block;font-weight:600;margin-bottom:4px}" +
    "select,textarea,input[type=text]{font:inherit;width:100%;box-sizing:border-box;min-height:44px;padding:8px 10px;border:1px solid #616161;border-radius:8px;background:#fff;color:#1a1a1a}" +
    ".err{color:#8e1f0b;margin:4px 0 0}" +
    "fieldset{border:0;margin:0;padding:0}" +
    ".choice{display:flex;gap:8px;align-items:center;min-height:44px}" +
    ".choice input{width:20px;height:20px;margin:0}";

  /**
   * A Polaris element: its props as properties (Preact sets them so), drawn into its shadow root
   * by `draw`, which returns `{ html, bind, sync }`. The markup is replaced only when it changes
   * (then `bind` wires it, and focus goes back to the control that had it); `sync` puts the
   * current value into the existing controls, so typing and choosing never lose focus.
   */
  function define(tag, props, draw, options) {
    options = options || {};
    var El = class extends HTMLElement {
      connectedCallback() {
        if (options.role) this.setAttribute("role", options.role);
        if (options.slot && !this.getAttribute("slot")) this.setAttribute("slot", options.slot);
        if (!draw) return;
        if (!this.shadowRoot) this.attachShadow({ mode: "open" });
        var self = this;
        if (options.watchChildren && !this._mo) {
          this._mo = new MutationObserver(function () { self._schedule(); });
          this._mo.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
        }
        this._draw();
      }
      _schedule() {
        var self = this;
        if (self._queued || !self.isConnected || !draw) return;
        self._queued = true;
        Promise.resolve().then(function () { self._queued = false; if (self.isConnected) self._draw(); });
      }
      _draw() {
        var root = this.shadowRoot;
        var out = draw.call(this);
        if (out.html !== this._html) {
          var focused = root.activeElement && root.activeElement.id;
          root.innerHTML = out.html;
          this._html = out.html;
          if (out.bind) out.bind.call(this, root);
          var again = focused && root.getElementById(focused);
          if (again) again.focus();
        }
        if (out.sync) out.sync.call(this, root);
      }
    };
    props.forEach(function (name) {
      Object.defineProperty(El.prototype, name, {
        get: function () { return this._p && name in this._p ? this._p[name] : this.getAttribute(name); },
        set: function (value) { (this._p = this._p || {})[name] = value; this._schedule(); },
        configurable: true,
      });
    });
    customElements.define(tag, El);
  }
  var style = function (extra) { return "<style>" + BASE + (extra || "") + "</style>"; };
  var on = function (v) { return v === true || v === "" || v === "true"; };
  /** A new event from the element itself (the native one stays inside the shadow root). */
  var fire = function (el, type) { el.dispatchEvent(new Event(type, { bubbles: true })); };
  var level = function (el) {
    var n = el.parentElement && el.parentElement.closest("s-page") ? 3 : 2;
    for (var p = el.parentElement && el.parentElement.closest("s-section"); p; p = p.parentElement && p.parentElement.closest("s-section")) n++;
    return Math.min(n, 6);
  };

  define("s-page", ["heading", "subheading"], function () {
    return { html: style(":host{max-width:760px;margin:0 auto;padding:16px}h1{font-size:24px;margin:0 0 16px}") + "<main><h1>" + esc(this.heading || "") + "</h1><slot></slot></main>" };
  });
  define("s-section", ["heading"], function () {
    var n = level(this);
    var h = this.heading ? "<h" + n + ' id="h">' + esc(this.heading) + "</h" + n + ">" : "";
    return { html: style(":host{padding:16px;border:1px solid #d4d4d4;border-radius:12px;background:#fff}h" + n + "{font-size:17px;margin:0 0 12px}") + "<section" + (h ? ' aria-labelledby="h"' : "") + ">" + h + "<slot></slot></section>" };
  });
  define("s-heading", [], function () {
    var s = this.closest("s-section");
    var n = s ? Math.min(level(s) + 1, 6) : this.closest("s-page") ? 2 : 3;
    return { html: style("h" + n + "{font-size:18px;margin:0}") + "<h" + n + "><slot></slot></h" + n + ">" };
  });
  var GAPS = { none: "0", "small-500": "2px", "small-400": "4px", "small-300": "4px", "small-200": "8px", "small-100": "10px", small: "8px", base: "16px", large: "24px" };
  define("s-stack", ["gap", "direction", "alignItems", "justifyContent"], function () {
    var inline = this.direction === "inline";
    var align = this.alignItems === "center" ? "center" : inline ? "baseline" : "stretch";
    return { html: style(":host{display:flex;flex-direction:" + (inline ? "row;flex-wrap:wrap" : "column") + ";gap:" + (GAPS[this.gap] || "0") + ";align-items:" + align + ";justify-content:" + (this.justifyContent || "flex-start") + "}") + "<slot></slot>" };
  });
  define("s-box", ["padding"], function () { return { html: style() + "<slot></slot>" }; });
  define("s-text", ["type", "color", "tone"], function () {
    var tag = this.type === "strong" ? "strong" : "span";
    return { html: style(":host{display:inline}" + (this.color === "subdued" ? ":host{color:#5c5c5c}" : "")) + "<" + tag + "><slot></slot></" + tag + ">" };
  });
  define("s-paragraph", ["color", "tone"], function () {
    return { html: style("p{margin:0}" + (this.color === "subdued" ? ":host{color:#5c5c5c}" : "")) + "<p><slot></slot></p>" };
  });
  define("s-badge", ["tone", "color"], function () {
    var c = this.tone === "critical" ? "background:#fedad9;color:#8e1f0b" : this.tone === "success" ? "background:#cdfee1;color:#0c5132" : "background:#e3e3e3;color:#303030";
    return { html: style(":host{display:inline-block}span{display:inline-block;padding:2px 10px;border-radius:8px;font-size:13px;font-weight:600;" + c + "}") + "<span><slot></slot></span>" };
  });
  define("s-banner", ["tone", "heading"], function () {
    var critical = this.tone === "critical";
    var c = critical ? "background:#fee9e8;border-color:#e51c00" : this.tone === "success" ? "background:#e6f6ec;border-color:#29845a" : "background:#eaf4ff;border-color:#005bd3";
    return { html: style("div{padding:12px 16px;border-left:4px solid;border-radius:8px;" + c + "}") + '<div role="' + (critical ? "alert" : "status") + '">' + (this.heading ? "<strong>" + esc(this.heading) + "</strong> " : "") + "<slot></slot></div>" };
  });
  define("s-spinner", ["accessibilityLabel", "size"], function () {
    return {
      html: style("span.s{display:inline-block;width:20px;height:20px;border:3px solid #d4d4d4;border-top-color:#1a1a1a;border-radius:50%;animation:r 1s linear infinite}@keyframes r{to{transform:rotate(1turn)}}.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}") +
        '<div role="status"><span class="s" aria-hidden="true"></span><span class="vh">' + esc(this.accessibilityLabel || "") + "</span></div>",
    };
  });
  define("s-divider", [], function () { return { html: style("hr{border:0;border-top:1px solid #d4d4d4;margin:0}") + "<hr>" }; });
  define("s-time", ["dateTime"], function () { return { html: style(":host{display:inline}") + '<time datetime="' + esc(this.dateTime || "") + '"><slot></slot></time>' }; });
  define("s-unordered-list", [], function () { return { html: style(":host{padding-left:20px;list-style:disc}") + "<slot></slot>" }; }, { role: "list" });
  define("s-ordered-list", [], function () { return { html: style(":host{padding-left:20px;list-style:decimal}") + "<slot></slot>" }; }, { role: "list" });
  define("s-list-item", [], function () { return { html: style(":host{display:list-item;margin:4px 0}") + "<slot></slot>" }; }, { role: "listitem" });
  define("s-summary", [], null, { slot: "summary" });
  define("s-details", [], function () {
    return { html: style("summary{cursor:pointer;min-height:44px;display:flex;align-items:center;font-weight:600}") + '<details><summary><slot name="summary"></slot></summary><slot></slot></details>' };
  });

  /** Where a link goes: the customer-accounts page around the frames resolves Shopify's protocols. */
  var follow = function (href) {
    if (/^(extension:|shopify:)/.test(href)) post({ type: "navigate", url: href });
    else window.open(href, "_top");
  };
  define("s-button", ["href", "variant", "tone", "disabled", "loading", "accessibilityLabel", "type"], function () {
    var cls = this.variant === "primary" ? "primary" : "";
    var label = this.accessibilityLabel ? ' aria-label="' + esc(this.accessibilityLabel) + '"' : "";
    if (this.href) {
      return {
        html: style(":host{display:inline-block}") + '<a id="b" class="btn ' + cls + '" href="' + esc(this.href) + '"' + label + "><slot></slot></a>",
        bind: function (root) {
          var self = this;
          root.getElementById("b").addEventListener("click", function (e) { e.preventDefault(); follow(self.href); });
        },
      };
    }
    return {
      html: style(":host{display:inline-block}") + '<button id="b" type="button" class="' + cls + '"' + label + (on(this.disabled) ? " disabled" : "") + (on(this.loading) ? ' aria-busy="true"' : "") + "><slot></slot></button>",
      bind: function (root) {
        var self = this;
        var button = root.getElementById("b");
        // A click on a disabled button never reaches the extension.
        button.addEventListener("click", function (e) { if (on(self.disabled)) e.stopPropagation(); });
        // The order action menu item without an href opens the target's modal.
        if (config.target === "customer-account.order.action.menu-item.render") button.addEventListener("click", function () { post({ type: "open-action" }); });
      },
    };
  });
  define("s-link", ["href", "accessibilityLabel"], function () {
    return {
      html: style(":host{display:inline}a{color:#005bd3}") + '<a id="b" href="' + esc(this.href || "#") + '"><slot></slot></a>',
      bind: function (root) {
        var self = this;
        root.getElementById("b").addEventListener("click", function (e) { e.preventDefault(); follow(self.href); });
      },
    };
  });

  var fieldError = function (el) { return el.error ? '<p class="err" id="e">' + esc(el.error) + "</p>" : ""; };
  var described = function (el) { return el.error ? ' aria-describedby="e" aria-invalid="true"' : ""; };
  var text = function (v) { return v == null ? "" : String(v); };

  define("s-option", ["value", "disabled"], null);
  define("s-select", ["label", "value", "name", "error", "disabled", "required"], function () {
    var options = Array.prototype.map.call(this.querySelectorAll("s-option"), function (o) {
      return '<option value="' + esc(text(o.value)) + '">' + esc(o.textContent) + "</option>";
    });
    return {
      html: style() + '<label for="f">' + esc(this.label || "") + '</label><select id="f"' + described(this) + (on(this.disabled) ? " disabled" : "") + ">" + options.join("") + "</select>" + fieldError(this),
      bind: function (root) {
        var self = this;
        root.getElementById("f").addEventListener("change", function (e) {
          e.stopPropagation();
          (self._p = self._p || {}).value = e.target.value;
          fire(self, "change");
        });
      },
      sync: function (root) { root.getElementById("f").value = text(this.value); },
    };
  }, { watchChildren: true });

  function textControl(tag, multiline) {
    define(tag, ["label", "value", "name", "error", "disabled", "required", "maxLength", "rows"], function () {
      var attrs = ' id="f"' + described(this) + (this.maxLength ? ' maxlength="' + esc(this.maxLength) + '"' : "") + (on(this.disabled) ? " disabled" : "");
      var control = multiline ? "<textarea" + attrs + ' rows="' + esc(this.rows || 3) + '"></textarea>' : '<input type="text"' + attrs + ">";
      return {
        html: style() + '<label for="f">' + esc(this.label || "") + "</label>" + control + fieldError(this),
        bind: function (root) {
          var self = this;
          var input = root.getElementById("f");
          input.addEventListener("input", function (e) {
            e.stopPropagation();
            (self._p = self._p || {}).value = input.value;
            fire(self, "input");
          });
          input.addEventListener("change", function (e) { e.stopPropagation(); fire(self, "change"); });
        },
        sync: function (root) {
          var input = root.getElementById("f");
          if (input.value !== text(this.value)) input.value = text(this.value);
        },
      };
    });
  }
  textControl("s-text-area", true);
  textControl("s-text-field", false);

  /** Polaris's drop zone as a labelled native file input; `files` is what the customer chose, as an array (Shopify's type). */
  define("s-drop-zone", ["label", "accessibilityLabel", "accept", "multiple", "name", "error", "disabled", "required", "value"], function () {
    var attrs = ' id="f" type="file"' + described(this) + (this.accept ? ' accept="' + esc(this.accept) + '"' : "") + (on(this.multiple) ? " multiple" : "") + (on(this.disabled) ? " disabled" : "");
    var aria = this.accessibilityLabel ? ' aria-label="' + esc(this.accessibilityLabel) + '"' : "";
    return {
      html: style() + '<label for="f">' + esc(this.label || "") + "</label><input" + attrs + aria + ">" + fieldError(this),
      bind: function (root) {
        var self = this;
        var input = root.getElementById("f");
        input.addEventListener("input", function (e) { e.stopPropagation(); fire(self, "input"); });
        input.addEventListener("change", function (e) {
          e.stopPropagation();
          fire(self, "change");
        });
      },
    };
  });
  Object.defineProperty(customElements.get("s-drop-zone").prototype, "files", {
    get: function () {
      var input = this.shadowRoot && this.shadowRoot.getElementById("f");
      return input && input.files ? Array.prototype.slice.call(input.files) : [];
    },
    configurable: true,
  });

  define("s-choice", ["value", "disabled"], null);
  define("s-choice-list", ["label", "name", "values", "multiple", "error", "disabled"], function () {
    var type = on(this.multiple) ? "checkbox" : "radio";
    var choices = Array.prototype.map.call(this.querySelectorAll("s-choice"), function (c, i) {
      return '<label class="choice" for="c' + i + '"><input type="' + type + '" id="c' + i + '" name="n" value="' + esc(text(c.value)) + '"' + (on(c.disabled) ? " disabled" : "") + "><span>" + esc(c.textContent) + "</span></label>";
    });
    return {
      html: style("label.choice{font-weight:400;margin:0}") + "<fieldset" + described(this) + "><legend>" + esc(this.label || "") + "</legend>" + choices.join("") + "</fieldset>" + fieldError(this),
      bind: function (root) {
        var self = this;
        root.querySelector("fieldset").addEventListener("change", function (e) {
          e.stopPropagation();
          var checked = Array.prototype.filter.call(root.querySelectorAll("input"), function (i) { return i.checked; }).map(function (i) { return i.value; });
          (self._p = self._p || {}).values = checked;
          fire(self, "change");
        });
      },
      sync: function (root) {
        var values = Array.isArray(this.values) ? this.values.map(String) : [];
        Array.prototype.forEach.call(root.querySelectorAll("input"), function (i) { i.checked = values.indexOf(i.value) >= 0; });
      },
    };
  }, { watchChildren: true });

  define("s-customer-account-action", ["heading"], function () {
    return {
      html: style("h2{font-size:20px;margin:0 0 16px}.actions{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end;margin-top:20px}") +
        "<h2>" + esc(this.heading || "") + '</h2><slot></slot><div class="actions"><slot name="secondary-actions"></slot><slot name="primary-action"></slot></div>',
    };
  });
})();
