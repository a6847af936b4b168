import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import { nextTick, onMounted, watch } from 'vue';
import { useRoute, withBase } from 'vitepress';
import RedocView from './components/RedocView.vue';
import ServiceMatrix from './components/ServiceMatrix.vue';
import { loadScript } from './load-script';
import './custom.css';

interface MermaidApi {
  initialize(config: object): void;
  run(options: { nodes: Element[] }): Promise<void>;
}

async function renderMermaid() {
  const nodes = [...document.querySelectorAll('pre.mermaid:not([data-processed])')];
  if (!nodes.length) return;
  const mermaid = await loadScript<MermaidApi>(withBase('/vendor/mermaid.min.js'), 'mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  await mermaid.run({ nodes });
}

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('RedocView', RedocView);
    app.component('ServiceMatrix', ServiceMatrix);
  },
  setup() {
    const route = useRoute();
    onMounted(() => void renderMermaid());
    watch(
      () => route.path,
      () => nextTick(() => void renderMermaid()),
    );
  },
} satisfies Theme;
