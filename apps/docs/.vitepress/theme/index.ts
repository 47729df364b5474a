import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import NmsPlayground from './NmsPlayground.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('NmsPlayground', NmsPlayground);
  },
} satisfies Theme;
