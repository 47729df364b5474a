/**
 * Headless Chromium as every browser test here launches it: Debian's `/usr/bin/chromium` (or
 * `CHROMIUM_PATH`), never a Playwright browser download, with the flags from TOOLCHAIN.md — no
 * sandbox (root), no background network (the machine has none), WebGPU enabled (SwiftShader renders
 * WebGL and WebGPU here).
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--enable-unsafe-webgpu',
  ],
};
