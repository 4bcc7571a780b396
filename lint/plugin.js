/** The project's own ESLint rules, registered in eslint.config.js as the plugin `local`. */
import { noFolderCycles } from './folder-cycles.js';
import { objectArgs } from './object-args.js';

export default { rules: { 'no-folder-cycles': noFolderCycles, 'object-args': objectArgs } };
