import type { ThemeConfig } from 'antd';

// antd's default greys, reds and greens are too pale for small text (WCAG 1.4.3 asks 4.5:1 against
// the page); these keep the same hues, darker, so secondary text, placeholders and danger buttons read.
const READABLE_COLOURS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  colorError: '#cf1322',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#ad4e00',
  colorInfo: '#0958d9',
};

/** The class that carries the theme's CSS variables on every component. */
export const CSS_VAR_KEY = 'huiyin';

/**
 * The app's Ant Design theme, used by the app (App.tsx) and by the build, which writes the
 * components' stylesheet from it (web/antd-style.ts): the CSS-variable class is named, not derived
 * from React's useId, and no hashed class is added, so what the build wrote matches what the
 * components render. `motion` only changes three duration variables, which the stylesheet sets to
 * 0s for people who ask for less motion.
 */
export function appTheme(motion: boolean): ThemeConfig {
  return {
    token: { ...READABLE_COLOURS, colorPrimary: '#1668dc', borderRadius: 6, motion },
    // An unchecked switch writes white on its grey track: a darker track keeps 「关」 readable.
    components: { Switch: { colorTextQuaternary: '#6e6e6e', colorTextTertiary: '#595959' } },
    cssVar: { key: CSS_VAR_KEY },
    hashed: false,
  };
}
