// The single gateway to the Rust side: no other module may import @tauri-apps/*
// (enforced by eslint.config.js). Each function wraps one Tauri command.
import { invoke } from '@tauri-apps/api/core';

/** Version of the running app (`app_version` command). */
export function appVersion(): Promise<string> {
  return invoke<string>('app_version');
}
