/**
 * The order a quiz question's choices are shown in: shuffled each time the question is shown, so
 * where the right answer sits gives nothing away. Choices keep their index (the stored `answer`
 * grades them), only the order on screen changes. A listening question's version labels (A, B)
 * stay in the player's order.
 */

/** Indices of `choices` in the order to show them (a fresh Fisher–Yates shuffle per call). */
export function choiceOrder({
	choices,
	random = Math.random
}: {
	choices: readonly string[];
	/** 0 ≤ x < 1, as Math.random. */
	random?: () => number;
}): number[] {
	const order = choices.map((_, i) => i);
	if (choices.every((choice) => /^[A-Z]$/.test(choice))) return order;
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}
