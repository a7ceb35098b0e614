/**
 * Installing Ilgam to the home screen. Chromium-based browsers offer it through the
 * `beforeinstallprompt` event, which must be kept to show our own Install button later;
 * Safari on iPhone has no such event, so there the app shows a short guide instead.
 */

/** The event Chromium fires when it would install the app (not in TypeScript's DOM types). */
export interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

function standalone(): boolean {
	const nav = navigator as Navigator & { standalone?: boolean };
	return nav.standalone === true || matchMedia('(display-mode: standalone)').matches;
}

/** iPhone and iPad Safari (iPadOS presents itself as a Mac with a touch screen). */
export function isIos(userAgent: string, platform: string, touchPoints: number): boolean {
	return /iPhone|iPad|iPod/.test(userAgent) || (platform === 'MacIntel' && touchPoints > 1);
}

class Install {
	/** Chromium's offer to install, kept until the learner taps Install. */
	offer = $state<InstallPromptEvent | null>(null);
	installed = $state(false);
	ios = $state(false);
	#listening = false;

	listen(): void {
		if (this.#listening || typeof window === 'undefined') return;
		this.#listening = true;
		this.installed = standalone();
		this.ios = isIos(navigator.userAgent, navigator.platform, navigator.maxTouchPoints);
		window.addEventListener('beforeinstallprompt', (event) => {
			// Keeps the browser's own mini-bar away; the app offers it where it fits.
			event.preventDefault();
			this.offer = event as InstallPromptEvent;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.offer = null;
		});
	}

	async prompt(): Promise<void> {
		const offer = this.offer;
		if (!offer) return;
		// An offer can be used once.
		this.offer = null;
		await offer.prompt();
		const { outcome } = await offer.userChoice;
		if (outcome === 'accepted') this.installed = true;
	}
}

export const install = new Install();
