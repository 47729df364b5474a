import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import NmsPlayground from './NmsPlayground.vue';
import PrCurveDemo from './PrCurveDemo.vue';
import AugmentExplorer from './AugmentExplorer.vue';
import SimclrDemo from './SimclrDemo.vue';
import FewShotDemo from './FewShotDemo.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('NmsPlayground', NmsPlayground);
    app.component('PrCurveDemo', PrCurveDemo);
    app.component('AugmentExplorer', AugmentExplorer);
    app.component('SimclrDemo', SimclrDemo);
    app.component('FewShotDemo', FewShotDemo);
  },
} satisfies Theme;
