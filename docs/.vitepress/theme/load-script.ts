const loading = new Map<string, Promise<unknown>>();

/** Loads a vendored UMD bundle once and returns the global it defines (mermaid, Redoc). */
export function loadScript<T>(src: string, global: string): Promise<T> {
  const w = window as unknown as Record<string, unknown>;
  if (w[global]) return Promise.resolve(w[global] as T);
  if (!loading.has(src)) {
    loading.set(
      src,
      new Promise((resolve, reject) => {
        const el = document.createElement('script');
        el.src = src;
        el.async = true;
        el.onload = () => resolve(w[global]);
        el.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(el);
      }),
    );
  }
  return loading.get(src) as Promise<T>;
}
