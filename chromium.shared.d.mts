/** Headless Chromium's launch options for every browser test (see chromium.shared.mjs). */
export declare const chromiumLaunchOptions: {
  executablePath: string;
  args: string[];
};
