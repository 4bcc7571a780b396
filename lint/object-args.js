/**
 * An ESLint rule: an exported function (or a public method of an exported class) with three or more
 * parameters takes one object instead, so every call names what it passes
 * (`masterTrack({ channels, sampleRate, settings })`, not `masterTrack(c, 44100, s)`). Two
 * positional parameters stay fine (`readSetting(db, 'theme')`), and so does a leading handle plus
 * one object (`recordAttempt(db, { … })`). Hot per-sample helpers stay private to their module.
 *
 * Plain JavaScript because eslint.config.js loads it before any TypeScript can run.
 */

/** Most positional parameters an exported function may take. */
const MAX_POSITIONAL = 2;

/** @param {any} node @returns {boolean} whether `node` is exported from its module */
function isExported(node) {
	const parent = node.parent;
	if (!parent) return false;
	if (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration') {
		return true;
	}
	// export const f = (a, b, c) => …
	if (parent.type === 'VariableDeclarator') {
		const declaration = parent.parent;
		return declaration?.parent?.type === 'ExportNamedDeclaration';
	}
	return false;
}

/** @param {any} method @returns {boolean} a public method (or constructor) of an exported class */
function isPublicMethodOfExportedClass(method) {
	if (method.accessibility === 'private' || method.accessibility === 'protected') return false;
	if (method.key?.type === 'PrivateIdentifier') return false;
	const classNode = method.parent?.parent;
	return !!classNode && isExported(classNode);
}

/** @type {import('eslint').Rule.RuleModule} */
export const objectArgs = {
	meta: {
		type: 'suggestion',
		docs: { description: 'Exported functions with three or more parameters take one object' },
		schema: [],
		messages: {
			tooMany:
				'{{name}} takes {{count}} positional parameters; an exported function with three or more takes one object, so each call names what it passes.'
		}
	},
	create(context) {
		/** @param {any} fn @param {string} name */
		const check = (fn, name) => {
			const count = fn.params.filter(
				(/** @type {any} */ p) => p.type !== 'TSParameterProperty'
			).length;
			if (count > MAX_POSITIONAL) {
				context.report({ node: fn, messageId: 'tooMany', data: { name, count: String(count) } });
			}
		};
		return {
			/** @param {any} node */
			FunctionDeclaration(node) {
				if (isExported(node)) check(node, node.id?.name ?? 'The default export');
			},
			/** @param {any} node */
			'ArrowFunctionExpression, FunctionExpression'(node) {
				if (node.parent?.type === 'VariableDeclarator' && isExported(node)) {
					check(node, node.parent.id.name);
				}
				if (
					node.parent?.type === 'MethodDefinition' &&
					isPublicMethodOfExportedClass(node.parent)
				) {
					const key = node.parent.key;
					check(node, key.type === 'Identifier' ? key.name : 'This method');
				}
			}
		};
	}
};
