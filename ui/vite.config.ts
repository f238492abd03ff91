/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vite';

// The UI is always built first and served by Tauri from ../ui/dist (no dev server, no network).
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./vitest-setup.ts'],
    // The shared stylesheet is read as text by layout.test.ts (other CSS stays stubbed).
    css: { include: [/app\.css/] },
    passWithNoTests: false,
  },
});
