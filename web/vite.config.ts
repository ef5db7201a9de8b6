import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { mermaidSequenceOnly } from './vite-plugins/mermaid-sequence-only.ts'
import { precompress } from './vite-plugins/precompress.ts'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
/** The Hono server `npm start` runs; `npm run dev` proxies the API to it. */
const serverOrigin = process.env.WIRELAB_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  root: webRoot,
  plugins: [
    mermaidSequenceOnly([
      fileURLToPath(new URL('src/elements/sequence-mermaid.ts', import.meta.url)),
    ]),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The lab page at /, the lecture's slides at /slides/ (slides/src), and class mode's join
    // page at /join/ and instructor's dashboard at /class/ (src/class-pages).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        slides: fileURLToPath(new URL('slides/index.html', import.meta.url)),
        join: fileURLToPath(new URL('join/index.html', import.meta.url)),
        class: fileURLToPath(new URL('class/index.html', import.meta.url)),
      },
    },
    // mermaid is one big lazy chunk by design; the warning would only be noise.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    proxy: {
      '/api': { target: serverOrigin, changeOrigin: false },
      '/metrics': { target: serverOrigin },
      '/ws': { target: serverOrigin, ws: true },
    },
  },
  preview: { host: '127.0.0.1' },
})
