// Module hooks (node:module register): `meteor/<package>` is a stub of ours,
// and the app's own .js files are ES modules, as Meteor compiles them.
const root = new URL('../../../', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('meteor/')) {
    const name = specifier.slice('meteor/'.length);
    return { url: new URL(`./meteor/${name}.js`, import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(root) && url.endsWith('.js') && !url.includes('/node_modules/')) {
    return next(url, { ...context, format: 'module' });
  }
  return next(url, context);
}
