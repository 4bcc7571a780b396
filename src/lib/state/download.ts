/** Saves bytes made on the device as a file download (nothing is uploaded anywhere). */

/** Offers `data` as a download named `name`. */
export function downloadFile(data: Blob, name: string): void {
	const url = URL.createObjectURL(data);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	// Long enough for the browser to start reading it; the page may stay open for hours.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
