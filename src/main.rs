fn main() {
    println!("gyokaku");
}
