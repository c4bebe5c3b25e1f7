export const CATALOGUE_SOURCE: string;
export const CATALOGUE_ASSET: string;
export function writeCatalogueAsset(root: string): string;
