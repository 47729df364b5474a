import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import NmsPlayground from './NmsPlayground.vue';
import PrCurveDemo from './PrCurveDemo.vue';
import AugmentExplorer from './AugmentExplorer.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('NmsPlayground', NmsPlayground);
    app.component('PrCurveDemo', PrCurveDemo);
    app.component('AugmentExplorer', AugmentExplorer);
  },
} satisfies Theme;
