/// <reference types="vite/client" />

// Vite's `?inline` suffix: the CSS file's text as a string (used to style uPlot inside shadow roots).
declare module '*.css?inline' {
  const css: string
  export default css
}
