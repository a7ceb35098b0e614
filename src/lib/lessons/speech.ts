/** Korean speech through the browser's speech synthesis, when the device has a Korean voice. */
export function koreanVoice(): SpeechSynthesisVoice | null {
	if (typeof speechSynthesis === 'undefined') return null;
	return (
		speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().startsWith('ko')) ?? null
	);
}

export function speak(text: string): boolean {
	if (typeof speechSynthesis === 'undefined') return false;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = 'ko-KR';
	const voice = koreanVoice();
	if (voice) utterance.voice = voice;
	speechSynthesis.cancel();
	speechSynthesis.speak(utterance);
	return true;
}
