import { defineConfig } from "vite";

// The API serves the built page from its web root (src/HtmCloud.Api/wwwroot, not committed).
export default defineConfig({
  base: "/",
  build: {
    outDir: "../src/HtmCloud.Api/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
});
