import { IsISO31661Alpha2, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Nullable } from '../fields/nullable';

/** Where an invoice is billed to; the built-in tax engine looks rates up by country and region. */
export class BillToAddress {
  /** ISO 3166-1 alpha-2, upper case (`US`, `DE`). */
  @IsISO31661Alpha2()
  country!: string;

  /** A state or province as the rate table names it; null when the country has none. */
  @Nullable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  region!: string | null;
}
