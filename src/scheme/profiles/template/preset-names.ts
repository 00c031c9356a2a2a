/** The names of the presets (presets.ts), apart so the model and the presets can both import them. */
export const PRESET_NAMES = [
  "nextcloud-drf",
  "nextcloud-drf-base64",
  "django-hmac-authentication",
  "django-api-key",
  "django-api-signing",
] as const;

export type PresetName = (typeof PRESET_NAMES)[number];
