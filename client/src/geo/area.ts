// Area units: 1 ha = 15 mu (1 mu = 10000/15 m²).
export const MU_PER_HECTARE = 15;
export const SQUARE_METRES_PER_MU = 10000 / 15;

export function muToHectares(mu: number): number {
  return mu / MU_PER_HECTARE;
}

export function muToSquareMetres(mu: number): number {
  return mu * SQUARE_METRES_PER_MU;
}
