// Runs before every test file: the tests run csp from its TypeScript sources, where the
// parsers cannot be required lazily, so they are handed in up front.
import { provideParsers } from '../../src/parse/lazy.js';
import * as yaml from '../../src/parse/yaml.js';
import * as markdown from '../../src/parse/markdown.js';

provideParsers({ yaml, markdown });
