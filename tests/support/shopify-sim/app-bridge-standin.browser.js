/* App Bridge stand-in for the local demo (served by the Shopify simulator at /admin-frame/app-bridge.js).
 *
 * Real App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js) cannot load offline and only
 * works inside Shopify admin. This script plays the part of it that Aftercare uses:
 *   - window.shopify: idToken(), toast.show(), loading(), saveBar.*, modal.*, config, environment;
 *   - like App Bridge, every same-origin fetch carries `Authorization: Bearer <session token>`, so
 *     Remix's client navigations and fetchers pass the app's real `authenticate.admin`; a 401 with
 *     X-Shopify-Retry-Invalid-Session-Request is retried once with a fresh token;
 *   - the session-token bounce page (`shopify-reload`) reloads with `id_token`;
 *   - <ui-nav-menu>, <ui-title-bar>, <ui-save-bar>, <ui-modal> are defined (hidden) and the nav
 *     menu, title and toasts are posted to the simulated admin frame, which draws them.
 * Session tokens come from the simulator (signed with the app secret), never from the app.
 */
/* global window, document, location, sessionStorage, customElements, HTMLElement, CustomEvent, MutationObserver, Request, URL, setTimeout, URLSearchParams, atob, console */
(function appBridgeStandin() {
  "use strict";
  if (window.shopify) return;

  var script = document.currentScript;
  var simulatorOrigin = new URL(script && script.src ? script.src : location.href).origin;
  // As real App Bridge: the <meta name="shopify-api-key"> before the script, or the script's data-api-key.
  var apiKeyMeta = document.querySelector('meta[name="shopify-api-key"]');
  var apiKey = (apiKeyMeta && apiKeyMeta.getAttribute("content")) || (script && script.getAttribute("data-api-key")) || "";
  var params = new URLSearchParams(location.search);
  var framed = window.parent !== window;

  function shopFromHost(host) {
    try {
      var decoded = atob(host.replace(/-/g, "+").replace(/_/g, "/"));
      var store = /^admin\.shopify\.com\/store\/([^/]+)/.exec(decoded);
      if (store) return store[1] + ".myshopify.com";
      return decoded.split("/")[0] || null;
    } catch (_error) {
      return null;
    }
  }

  // Shopify admin hands the app `shop` and `host` on the first load; later documents of the same
  // session may not carry them (App Bridge keeps them in memory, this stand-in in sessionStorage).
  var shop = params.get("shop") || (params.get("host") && shopFromHost(params.get("host"))) || sessionStorage.getItem("aftercare-standin:shop");
  var host = params.get("host") || sessionStorage.getItem("aftercare-standin:host");
  if (shop) sessionStorage.setItem("aftercare-standin:shop", shop);
  if (host) sessionStorage.setItem("aftercare-standin:host", host);

  function post(message) {
    if (framed) window.parent.postMessage(Object.assign({ source: "aftercare-standin" }, message), "*");
  }

  var originalFetch = window.fetch.bind(window);
  var cached = null;
  function idToken() {
    if (!shop) return Promise.reject(new Error("App Bridge stand-in: no shop (open the app from the simulated admin)"));
    var nowSeconds = Math.floor(Date.now() / 1000);
    if (cached && cached.exp - 10 > nowSeconds) return Promise.resolve(cached.token);
    return originalFetch(simulatorOrigin + "/admin-frame/session-token?shop=" + encodeURIComponent(shop), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("App Bridge stand-in: the simulator refused a session token (" + response.status + ")");
        return response.json();
      })
      .then(function (body) {
        cached = { token: body.token, exp: body.exp };
        return body.token;
      });
  }

  window.fetch = function standinFetch(input, init) {
    var request = new Request(input, init);
    if (new URL(request.url).origin !== location.origin || request.headers.has("Authorization")) return originalFetch(request);
    var retry = request.clone();
    function send(req, fresh) {
      if (fresh) cached = null;
      return idToken().then(function (token) {
        req.headers.set("Authorization", "Bearer " + token);
        return originalFetch(req);
      });
    }
    return send(request, false).then(function (response) {
      if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") return send(retry, true);
      return response;
    });
  };

  // The bounce page (/auth/session-token?shopify-reload=…): App Bridge reloads the target with an id_token.
  var reload = params.get("shopify-reload");
  if (reload) {
    idToken().then(function (token) {
      var target = new URL(reload, location.href);
      if (target.origin !== location.origin) throw new Error("App Bridge stand-in: refusing a cross-origin shopify-reload");
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
  }

  function resolved() {
    return Promise.resolve();
  }
  function unavailable(name) {
    return function () {
      return Promise.reject(new Error("App Bridge stand-in: shopify." + name + " is not available in the local demo"));
    };
  }

  window.shopify = {
    config: { apiKey: apiKey, shop: shop, host: host, locale: params.get("locale") || "en" },
    environment: { embedded: framed, mobile: false, pos: false },
    origin: simulatorOrigin,
    idToken: idToken,
    user: function () {
      return Promise.resolve({ id: 1, name: "Demo Merchant", accountAccess: "Account owner" });
    },
    toast: {
      show: function (message, options) {
        var id = "toast-" + Math.random().toString(36).slice(2);
        post({ type: "toast", id: id, message: String(message), isError: Boolean(options && options.isError) });
        if (!framed) console.info("[toast]", message);
        return id;
      },
      hide: function (id) {
        post({ type: "toast-hide", id: id });
      },
    },
    loading: function (isLoading) {
      post({ type: "loading", loading: Boolean(isLoading) });
    },
    saveBar: { show: resolved, hide: resolved, toggle: resolved, leaveConfirmation: resolved },
    modal: { show: resolved, hide: resolved, toggle: resolved },
    resourcePicker: unavailable("resourcePicker"),
    scanner: { capture: unavailable("scanner.capture") },
    intents: { invoke: unavailable("intents.invoke") },
  };

  // App Bridge's web components. They hold configuration, not content: hidden here as in admin.
  function define(name, methods) {
    if (customElements.get(name)) return;
    var Element = class extends HTMLElement {
      connectedCallback() {
        this.style.display = "none";
        report();
      }
      disconnectedCallback() {
        report();
      }
    };
    Object.keys(methods || {}).forEach(function (method) {
      Element.prototype[method] = methods[method];
    });
    customElements.define(name, Element);
  }
  var overlay = {
    show: function () {
      this.dispatchEvent(new CustomEvent("show"));
      return Promise.resolve();
    },
    hide: function () {
      this.dispatchEvent(new CustomEvent("hide"));
      return Promise.resolve();
    },
    toggle: function () {
      return Promise.resolve();
    },
  };
  define("ui-nav-menu");
  define("ui-title-bar");
  define("ui-save-bar", overlay);
  define("ui-modal", overlay);

  // The admin draws the app's nav menu and title outside the iframe; tell the simulated admin.
  var pending = false;
  function report() {
    if (pending) return;
    pending = true;
    setTimeout(function () {
      pending = false;
      var links = Array.prototype.slice.call(document.querySelectorAll("ui-nav-menu a"));
      var titleBar = document.querySelector("ui-title-bar");
      post({
        type: "chrome",
        title: titleBar ? titleBar.getAttribute("title") || "" : "",
        nav: links.map(function (a) {
          return { label: (a.textContent || "").trim(), href: a.getAttribute("href") || "", home: a.getAttribute("rel") === "home" };
        }),
      });
    }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(report).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["title", "href"] });
    report();
  });

  // A click on the admin's nav menu: App Bridge fires `shopify:navigate` on the menu's anchor.
  window.addEventListener("message", function (event) {
    if (event.origin !== simulatorOrigin || !event.data || event.data.source !== "aftercare-admin") return;
    if (event.data.type === "navigate") {
      var anchor = Array.prototype.slice.call(document.querySelectorAll("ui-nav-menu a")).find(function (a) {
        return a.getAttribute("href") === event.data.href;
      });
      if (anchor) anchor.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    }
  });
})();
