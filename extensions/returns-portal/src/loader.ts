/**
 * The block's script (schema `javascript`, loaded `defer`): under 1 KB. The portal UI is
 * imported on interaction — the first focus, tap or submit inside the block — or at once
 * when there is work to show (a signed-in shopper's orders, a return link). Until then the
 * server-rendered step 1 is the whole portal, so page load pays almost nothing.
 */
type PortalModule = { mount(root: HTMLElement, pending?: Event): void };

document.querySelectorAll<HTMLElement>("[data-aftercare-portal]").forEach((root) => {
  let loading: Promise<void> | undefined;
  let pending: Event | undefined;
  const load = () =>
    (loading ??= (import(root.dataset.app!) as Promise<PortalModule>).then(
      // `pending` is read when the module arrives: a submit made while it loads is kept.
      (m) => m.mount(root, pending),
      () => root.setAttribute("data-failed", ""),
    ));
  root.addEventListener("submit", (e) => {
    // Until the UI is here, keep the shopper's email out of a native GET submission.
    if (root.dataset.ready) return;
    e.preventDefault();
    pending = e;
    void load();
  });
  for (const type of ["focusin", "pointerdown"]) root.addEventListener(type, () => void load(), { once: true, passive: true });
  if (root.dataset.customer || location.hash.startsWith("#aftercare-return=")) void load();
});
