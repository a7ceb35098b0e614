import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: {
					allowDefaultProject: ['drizzle.config.ts', 'bench/*.ts', 'scripts/*.ts']
				},
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// Ilgam is always served at the root (no `paths.base`), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// The service worker is outside SvelteKit's generated tsconfig (it needs the webworker
		// lib), so it is linted without type information.
		files: ['src/service-worker/**/*.ts'],
		languageOptions: { parserOptions: { projectService: false } },
		rules: { '@typescript-eslint/no-floating-promises': 'off' }
	},
	{
		ignores: [
			'build/',
			'.e2e/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'drizzle/',
			'static/',
			'bench/results/'
		]
	}
);
