/// <reference types="vite/client" />
// Each component's stylesheet, after the theme (see styles.ts).
import.meta.glob('../../src/components/*.css', { eager: true });
