/** Korean speech through the browser's speech synthesis, when the device has a Korean voice. */
export function koreanVoice(): SpeechSynthesisVoice | null {
	if (typeof speechSynthesis === 'undefined') return null;
	return (
		speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().startsWith('ko')) ?? null
	);
}

/**
 * The Korean voice, waiting up to `timeoutMs` for the voice list: Chrome fills it only after
 * the page has asked once, announcing it with `voiceschanged`.
 */
export function findKoreanVoice(timeoutMs = 1_500): Promise<SpeechSynthesisVoice | null> {
	const now = koreanVoice();
	if (now || typeof speechSynthesis === 'undefined') return Promise.resolve(now);
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			speechSynthesis.removeEventListener('voiceschanged', changed);
			resolve(koreanVoice());
		};
		const changed = () => {
			if (koreanVoice()) done();
		};
		const timer = setTimeout(done, timeoutMs);
		speechSynthesis.addEventListener('voiceschanged', changed);
	});
}

/** Says `text` in Korean; false when it cannot (no speech synthesis or no Korean voice). */
export function speak(text: string): boolean {
	const voice = koreanVoice();
	if (!voice) return false;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = 'ko-KR';
	utterance.voice = voice;
	speechSynthesis.cancel();
	speechSynthesis.speak(utterance);
	return true;
}
