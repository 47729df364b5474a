// Vite's `?url` imports, used by the browser tests and the documented bundler recipe.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
